package io.roundtrip.models.sql.project;

/** A {@code ref('name')} (or {@code ref('package', 'name')}) in a template, at a line of its file. */
public record Ref(String name, String packageName, int line) {}
