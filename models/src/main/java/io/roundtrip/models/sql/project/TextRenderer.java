package io.roundtrip.models.sql.project;

/**
 * Renders the Jinja in a YAML value ({@code schema: "{{ var('source', 'demo') }}"}) while the
 * project is read: vars and environment only, nothing from the warehouse.
 */
@FunctionalInterface
public interface TextRenderer {

  /** The rendered text; errors are {@link ProjectException}s naming {@code file} and {@code line}. */
  String render(String template, String file, int line);
}
