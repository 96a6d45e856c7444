package io.roundtrip.app.cli.sql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.roundtrip.app.config.RoundtripConfig;
import io.roundtrip.models.sql.runs.LoadedProject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** Which project, which schema, which nodes: the options every {@code sql} command shares. */
public final class ProjectOptions {

  @Option(names = "--project", paramLabel = "DIR",
      description = "The project folder (default: sql.project, else ./sql). A dbt_project.yml in it is read as dbt does.")
  Path project;

  @Option(names = "--schema", paramLabel = "NAME",
      description = "Target schema (default: sql.schema, else analytics); a schema: x config writes to <NAME>_x.")
  String schema;

  @Option(names = {"--select", "-s"}, paramLabel = "SPEC", arity = "1..*",
      description = "dbt selection: model, +model, model+, @model, tag:x, path:dir, source:x, config.materialized:x; "
          + "spaces are unions, commas intersections.")
  List<String> select = new ArrayList<>();

  @Option(names = "--exclude", paramLabel = "SPEC", arity = "1..*", description = "Nodes to leave out, same syntax.")
  List<String> exclude = new ArrayList<>();

  @Option(names = "--vars", paramLabel = "YAML",
      description = "Vars over the project's, as dbt takes them: '{\"source\": \"web\"}' or '{source: web}'.")
  String vars;

  public Path projectDir(RoundtripConfig config) {
    return project != null ? project : Path.of(config.sql().project());
  }

  public String targetSchema(RoundtripConfig config) {
    return schema != null ? schema : config.sql().schema();
  }

  public List<String> select() {
    return select;
  }

  public List<String> exclude() {
    return exclude;
  }

  @SuppressWarnings("unchecked")
  public Map<String, Object> vars() {
    if (vars == null || vars.isBlank()) {
      return Map.of();
    }
    try {
      Object parsed = new ObjectMapper(new YAMLFactory()).readValue(vars, Object.class);
      if (!(parsed instanceof Map)) {
        throw new IllegalArgumentException("--vars must be a mapping, e.g. '{source: web}'");
      }
      return new LinkedHashMap<>((Map<String, Object>) parsed);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("--vars is not YAML or JSON: " + e.getOriginalMessage());
    }
  }

  /** The project, read and checked (no Spark). */
  public LoadedProject load(RoundtripConfig config, Map<String, String> env) {
    return LoadedProject.load(projectDir(config), targetSchema(config), vars(), env);
  }
}
