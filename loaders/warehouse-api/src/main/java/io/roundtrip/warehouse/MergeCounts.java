package io.roundtrip.warehouse;

/** What a merge did to the target, as its commit recorded it. */
public record MergeCounts(long inserted, long updated) {}
