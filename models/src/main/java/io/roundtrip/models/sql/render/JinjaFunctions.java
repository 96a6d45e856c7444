package io.roundtrip.models.sql.render;

import com.hubspot.jinjava.el.ext.NamedParameter;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import io.roundtrip.models.sql.project.Node;
import io.roundtrip.models.sql.project.SourceRef;
import io.roundtrip.models.sql.project.SourceTable;
import io.roundtrip.models.sql.project.SqlProject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * dbt's context functions for Jinjava: {@code ref}, {@code source}, {@code var}, {@code config},
 * {@code is_incremental}, {@code env_var}, {@code load_relation}, {@code log}. Jinjava calls static
 * methods, so each finds the node's {@link Call} in the interpreter's context.
 */
public final class JinjaFunctions {

  static final String CALL = "__roundtrip_call__";

  private JinjaFunctions() {}

  /** One node's render: its scope, and what it called (the dependencies a dynamic template has). */
  static final class Call {
    final SqlProject project;
    final RenderScope scope;
    final Map<String, String> env;
    final List<String> refs = new ArrayList<>();
    final List<SourceRef> sources = new ArrayList<>();
    final Map<String, Object> config = new LinkedHashMap<>();

    Call(SqlProject project, RenderScope scope, Map<String, String> env) {
      this.project = project;
      this.scope = scope;
      this.env = env;
    }
  }

  static List<ELFunctionDefinition> definitions() {
    List<ELFunctionDefinition> all = new ArrayList<>();
    for (String name : List.of("ref", "source", "var", "config", "env_var", "load_relation", "log")) {
      all.add(new ELFunctionDefinition("", name, JinjaFunctions.class, name.equals("var") ? "variable" : name,
          Object[].class));
    }
    all.add(new ELFunctionDefinition("", "is_incremental", JinjaFunctions.class, "is_incremental"));
    return all;
  }

  private static Call call() {
    Object call = JinjavaInterpreter.getCurrent().getContext().get(CALL);
    if (!(call instanceof Call c)) {
      throw new RenderFailure("dbt functions are not available here");
    }
    return c;
  }

  private static List<Object> positional(Object[] args) {
    List<Object> out = new ArrayList<>();
    for (Object arg : args) {
      if (!(arg instanceof NamedParameter)) {
        out.add(arg);
      }
    }
    return out;
  }

  private static Map<String, Object> named(Object[] args) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Object arg : args) {
      if (arg instanceof NamedParameter p) {
        out.put(p.getName(), p.getValue());
      }
    }
    return out;
  }

  public static Object ref(Object... args) {
    Call call = call();
    if (call.project == null) {
      throw new RenderFailure("ref() cannot be used here");
    }
    List<Object> names = positional(args);
    if (names.isEmpty() || names.size() > 2) {
      throw new RenderFailure("ref() takes a model name, or a package and a model name");
    }
    String name = String.valueOf(names.get(names.size() - 1));
    Optional<Node> target = call.project.refable(name);
    if (target.isEmpty()) {
      throw new RenderFailure("ref('" + name + "'): no model or seed named '" + name + "'; available: "
          + String.join(", ", call.project.refableNames()));
    }
    call.refs.add(name);
    return call.scope.ref(target.get());
  }

  public static Object source(Object... args) {
    Call call = call();
    if (call.project == null) {
      throw new RenderFailure("source() cannot be used here");
    }
    List<Object> names = positional(args);
    if (names.size() != 2) {
      throw new RenderFailure("source() takes a source name and a table name");
    }
    String source = String.valueOf(names.get(0));
    String table = String.valueOf(names.get(1));
    Optional<SourceTable> found = call.project.source(source, table);
    if (found.isEmpty()) {
      throw new RenderFailure("source('" + source + "', '" + table + "'): no such source table; available: "
          + (call.project.sources().isEmpty() ? "(none: declare sources in a properties YAML file)"
              : String.join(", ", call.project.sourceNames())));
    }
    call.sources.add(new SourceRef(source, table, 0));
    return call.scope.source(found.get());
  }

  public static Object variable(Object... args) {
    Call call = call();
    List<Object> values = positional(args);
    if (values.isEmpty()) {
      throw new RenderFailure("var() takes a name and an optional default");
    }
    String name = String.valueOf(values.get(0));
    Map<String, Object> vars = call.scope.vars();
    if (vars.containsKey(name)) {
      return vars.get(name);
    }
    if (values.size() > 1) {
      return values.get(1);
    }
    throw new RenderFailure("Required var '" + name + "' not found in config: set it under vars: in "
        + "dbt_project.yml or with --vars; vars supplied: " + (vars.isEmpty() ? "(none)" : String.join(", ", vars.keySet())));
  }

  @SuppressWarnings("unchecked")
  public static Object config(Object... args) {
    Call call = call();
    for (Object arg : positional(args)) {
      if (arg instanceof Map<?, ?> map) {
        call.config.putAll((Map<String, Object>) map);
      }
    }
    call.config.putAll(named(args));
    return "";
  }

  public static boolean is_incremental() {
    return call().scope.isIncremental();
  }

  public static Object env_var(Object... args) {
    Call call = call();
    List<Object> values = positional(args);
    String name = String.valueOf(values.isEmpty() ? "" : values.get(0));
    String value = call.env.get(name);
    if (value != null) {
      return value;
    }
    if (values.size() > 1) {
      return values.get(1);
    }
    throw new RenderFailure("Env var required but not provided: '" + name + "'");
  }

  public static Object load_relation(Object... args) {
    Call call = call();
    List<Object> values = positional(args);
    if (values.size() != 1 || !(values.get(0) instanceof RelationValue relation)) {
      throw new RenderFailure("load_relation() takes a relation (ref(...), source(...) or this)");
    }
    return call.scope.existing(relation.getSchema(), relation.getIdentifier()).orElse(null);
  }

  public static Object log(Object... args) {
    return "";
  }

  /** {@code adapter}: the dbt adapter methods templates use to look at the warehouse. */
  public static final class Adapter {
    public Object get_relation(Object... args) {
      Map<String, Object> named = named(args);
      List<Object> values = positional(args);
      Object schema = named.containsKey("schema") ? named.get("schema") : values.size() > 1 ? values.get(1) : null;
      Object identifier = named.containsKey("identifier") ? named.get("identifier")
          : values.size() > 2 ? values.get(2) : null;
      if (schema == null || identifier == null) {
        throw new RenderFailure("adapter.get_relation() needs a schema and an identifier");
      }
      return call().scope.existing(String.valueOf(schema), String.valueOf(identifier)).orElse(null);
    }

    public String quote(Object identifier) {
      return "`" + String.valueOf(identifier).replace("`", "``") + "`";
    }
  }

  /** {@code exceptions.raise_compiler_error(message)}. */
  public static final class Exceptions {
    public String raise_compiler_error(Object message) {
      throw new RenderFailure(String.valueOf(message));
    }

    public String warn(Object message) {
      return "";
    }
  }
}
