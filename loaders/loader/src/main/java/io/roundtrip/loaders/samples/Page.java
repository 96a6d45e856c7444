package io.roundtrip.loaders.samples;

/**
 * A page of the shop (web) or the matching screen (app). The web fields mirror what analytics.js
 * puts both in a page call's properties and in every event's {@code context.page}.
 */
record Page(String name, String path, String title, String search, String referrer, String url) {}
