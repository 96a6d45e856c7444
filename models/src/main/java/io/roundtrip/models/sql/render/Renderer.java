package io.roundtrip.models.sql.render;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.InterpretException;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.TemplateError;
import io.roundtrip.models.sql.project.Node;
import io.roundtrip.models.sql.project.ProjectException;
import io.roundtrip.models.sql.project.Ref;
import io.roundtrip.models.sql.project.SourceRef;
import io.roundtrip.models.sql.project.SqlProject;
import io.roundtrip.models.sql.project.TextRenderer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a node's template with Jinjava as dbt renders it with Jinja: the project's macros (and
 * the built-in generic tests) first, then the node, with dbt's functions and {@code this},
 * {@code target}, {@code execute}, {@code adapter}, {@code exceptions}. A template error becomes a
 * {@link ProjectException} naming the file and line.
 */
public final class Renderer {

  static final String BUILTIN_TESTS = WhitespaceControl.apply(read("generic_tests.sql"));

  /** What rendering found: the SQL and what the template called. */
  public record Rendered(String sql, List<Ref> refs, List<SourceRef> sources, Map<String, Object> config) {}

  private final SqlProject project;
  private final Map<String, String> env;
  private final Jinjava jinjava;

  public Renderer(SqlProject project, Map<String, String> env) {
    this.project = project;
    this.env = Map.copyOf(env);
    this.jinjava = jinjava(env);
  }

  /** Jinjava with Python's ways where Jinja and Jinjava differ (map iteration, operator precedence, ...). */
  private static Jinjava jinjava(Map<String, String> env) {
    JinjavaConfig config = JinjavaConfig.newBuilder()
        .withLegacyOverrides(LegacyOverrides.newBuilder()
            .withEvaluateMapKeys(true)
            .withIterateOverMapKeys(true)
            .withUsePyishObjectMapper(true)
            .withUseNaturalOperatorPrecedence(true)
            .withKeepNullableLoopValues(true)
            .build())
        .withNestedInterpretationEnabled(false)
        .withFailOnUnknownTokens(false)
        .build();
    Jinjava jinjava = new Jinjava(config);
    JinjaFunctions.definitions().forEach(jinjava.getGlobalContext()::registerFunction);
    jinjava.getGlobalContext().put("adapter", new JinjaFunctions.Adapter());
    jinjava.getGlobalContext().put("exceptions", new JinjaFunctions.Exceptions());
    return jinjava;
  }

  /** Renders the scope's node. */
  public Rendered render(RenderScope scope) {
    Node node = scope.node();
    JinjaFunctions.Call call = new JinjaFunctions.Call(project, scope, env);
    Context context = new Context(jinjava.getGlobalContext());
    context.put(JinjaFunctions.CALL, call);
    context.put("this", scope.self());
    context.put("execute", scope.execute());
    Map<String, Object> target = new LinkedHashMap<>();
    target.put("name", "roundtrip");
    target.put("schema", scope.targetSchema());
    target.put("type", scope.targetType());
    target.put("database", null);
    context.put("target", target);
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("name", node.name());
    model.put("unique_id", node.uniqueId());
    model.put("resource_type", node.type().label());
    model.put("config", node.config().values());
    context.put("model", model);
    context.put("project_name", project.name());
    scope.timeRange().ifPresent(range -> context.put("time_range", range));
    JinjavaInterpreter interpreter = new JinjavaInterpreter(jinjava, context, jinjava.getGlobalConfig());
    JinjavaInterpreter.pushCurrent(interpreter);
    try {
      interpreter.render(BUILTIN_TESTS);
      for (SqlProject.MacroFile macros : project.macros()) {
        define(interpreter, macros.text(), macros.file());
      }
      String sql = render(interpreter, node.sql(), node.file(), generatedTestLine(node));
      List<Ref> refs = call.refs.stream().map(name -> new Ref(name, null, 0)).toList();
      return new Rendered(sql, refs, List.copyOf(call.sources), Map.copyOf(call.config));
    } finally {
      JinjavaInterpreter.popCurrent();
    }
  }

  /** A generic test's template is generated from its YAML: errors point at the test's line there. */
  private static int generatedTestLine(Node node) {
    if (node.attachedTo() == null) {
      return 0;
    }
    if (!node.refs().isEmpty()) {
      return node.refs().get(0).line();
    }
    return node.sources().isEmpty() ? 0 : node.sources().get(0).line();
  }

  private static void define(JinjavaInterpreter interpreter, String macros, String file) {
    render(interpreter, macros, file, 0);
  }

  /** Renders, turning what Jinjava reports (or throws) into a ProjectException with the file and line. */
  private static String render(JinjavaInterpreter interpreter, String template, String file, int lineOverride) {
    String out;
    try {
      out = interpreter.render(WhitespaceControl.apply(template));
    } catch (InterpretException e) {
      throw new ProjectException(file, lineOverride > 0 ? lineOverride : Math.max(e.getLineNumber(), 0),
          "Jinja: " + e.getMessage());
    } catch (RenderFailure e) {
      throw new ProjectException(file, lineOverride, e.getMessage());
    }
    check(interpreter, file, lineOverride);
    return out;
  }

  /** Throws the first template error, with its file and line. */
  private static void check(JinjavaInterpreter interpreter, String file, int lineOverride) {
    for (TemplateError error : interpreter.getErrorsCopy()) {
      if (error.getSeverity() != TemplateError.ErrorType.FATAL) {
        continue;
      }
      int line = lineOverride > 0 ? lineOverride : Math.max(error.getLineno(), 0);
      throw new ProjectException(file, line, message(error));
    }
  }

  private static String message(TemplateError error) {
    for (Throwable cause = error.getException(); cause != null; cause = cause.getCause()) {
      if (cause instanceof RenderFailure failure) {
        return failure.getMessage();
      }
    }
    String message = error.getMessage();
    if (message != null && message.startsWith("Could not resolve function")) {
      message += " (not a dbt function Roundtrip knows, nor a macro of the project)";
    }
    return "Jinja: " + message;
  }

  /** Jinja in YAML values while the project is read: {@code var()} and {@code env_var()} only. */
  public static TextRenderer forYaml(Map<String, Object> vars, Map<String, String> env) {
    Jinjava jinjava = jinjava(env);
    return (template, file, line) -> {
      Context context = new Context(jinjava.getGlobalContext());
      context.put(JinjaFunctions.CALL, new JinjaFunctions.Call(null, new YamlScope(vars), env));
      JinjavaInterpreter interpreter = new JinjavaInterpreter(jinjava, context, jinjava.getGlobalConfig());
      JinjavaInterpreter.pushCurrent(interpreter);
      try {
        return render(interpreter, template, file, line);
      } finally {
        JinjavaInterpreter.popCurrent();
      }
    };
  }

  private static String read(String resource) {
    try (InputStream in = Renderer.class.getResourceAsStream(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** YAML values know vars and nothing else. */
  private record YamlScope(Map<String, Object> vars) implements RenderScope {
    @Override
    public Node node() {
      return null;
    }

    @Override
    public boolean execute() {
      return false;
    }

    @Override
    public RelationValue ref(Node target) {
      throw new RenderFailure("ref() cannot be used here");
    }

    @Override
    public RelationValue source(io.roundtrip.models.sql.project.SourceTable table) {
      throw new RenderFailure("source() cannot be used here");
    }

    @Override
    public RelationValue self() {
      return null;
    }

    @Override
    public boolean isIncremental() {
      return false;
    }

    @Override
    public java.util.Optional<RelationValue> existing(String schema, String identifier) {
      return java.util.Optional.empty();
    }

    @Override
    public String targetSchema() {
      return null;
    }

    @Override
    public String targetType() {
      return null;
    }

    @Override
    public java.util.Optional<Map<String, String>> timeRange() {
      return java.util.Optional.empty();
    }
  }
}
