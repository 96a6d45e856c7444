package io.roundtrip.models.sql.project;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads a project folder as dbt reads it, without rendering a model: {@code dbt_project.yml} (name,
 * paths, vars, folder configs), the model, seed, test and macro files, the properties YAML (docs,
 * configs, sources, generic tests) and the {@code {% docs %}} blocks. Without a
 * {@code dbt_project.yml}, the folder's {@code models/} (or the folder itself) holds the models.
 */
public final class ProjectReader {

  public static final String PROJECT_FILE = "dbt_project.yml";
  public static final Set<String> BUILTIN_TESTS = Set.of("unique", "not_null", "accepted_values", "relationships");

  /** Configs dbt knows; under {@code models:} any other key without {@code +} is a folder. */
  static final Set<String> CONFIG_KEYS = Set.of("materialized", "schema", "alias", "tags", "enabled", "unique_key",
      "incremental_strategy", "on_schema_change", "time_column", "event_time", "full_refresh", "severity", "where",
      "column_types", "quote_columns", "delimiter", "meta", "docs", "persist_docs", "database", "pre-hook",
      "post-hook", "pre_hook", "post_hook", "grants", "contract", "store_failures", "limit", "warn_if", "error_if",
      "access", "group", "sql_header", "batch_size", "lookback", "begin", "description");
  /** Configs whose value is a mapping (so a mapping under their name is not a folder). */
  static final Set<String> MAP_CONFIG_KEYS = Set.of("column_types", "meta", "docs", "persist_docs", "grants", "contract");
  /** Keys of a generic test that are its config rather than its arguments (as dbt reads them). */
  static final Set<String> TEST_CONFIG_KEYS = Set.of("severity", "where", "tags", "enabled", "limit", "warn_if",
      "error_if", "store_failures", "meta", "alias", "schema", "database");

  private static final Pattern DOCS = Pattern.compile(
      "\\{%-?\\s*docs\\s+([A-Za-z_][A-Za-z0-9_]*)\\s*-?%}(.*?)\\{%-?\\s*enddocs\\s*-?%}", Pattern.DOTALL);
  private static final Pattern DOC_CALL = Pattern.compile("\\{\\{\\s*doc\\(\\s*['\"]([^'\"]+)['\"]\\s*\\)\\s*}}");

  private final Path root;
  private final Map<String, Object> cliVars;
  private final Function<Map<String, Object>, TextRenderer> renderers;

  private String name;
  private Yaml settings;
  private TextRenderer renderer;
  private final Map<String, Node> nodes = new LinkedHashMap<>();
  private final Map<String, Node> byName = new java.util.HashMap<>();
  private final Map<String, SourceTable> sources = new LinkedHashMap<>();
  private final Map<String, String> docs = new TreeMap<>();
  private final List<SqlProject.MacroFile> macros = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();
  private final Set<String> customTests = new java.util.TreeSet<>();

  private ProjectReader(Path root, Map<String, Object> cliVars, Function<Map<String, Object>, TextRenderer> renderers) {
    this.root = root;
    this.cliVars = cliVars;
    this.renderers = renderers;
  }

  /**
   * Reads the project in {@code root}; {@code cliVars} ({@code --vars}) win over the project's vars.
   * {@code renderers} makes the renderer for Jinja in YAML values, given the vars.
   */
  public static SqlProject read(Path root, Map<String, Object> cliVars,
      Function<Map<String, Object>, TextRenderer> renderers) {
    if (!Files.isDirectory(root)) {
      throw new ProjectException("The project folder " + root + " does not exist");
    }
    return new ProjectReader(root.toAbsolutePath().normalize(), cliVars, renderers).read();
  }

  private SqlProject read() {
    Path projectFile = root.resolve(PROJECT_FILE);
    boolean dbt = Files.isRegularFile(projectFile);
    settings = dbt ? Yaml.read(projectFile, PROJECT_FILE) : new Yaml(Map.of(), 0);
    name = settings.get("name").text() != null ? settings.get("name").text() : "roundtrip";
    if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new ProjectException(PROJECT_FILE, settings.get("name").line(),
          "name '" + name + "' must be letters, digits and underscores");
    }
    Map<String, Object> vars = vars();
    renderer = renderers.apply(vars);

    List<String> modelPaths = paths("model-paths", Files.isDirectory(root.resolve("models")) || dbt ? "models" : ".");
    List<String> seedPaths = paths("seed-paths", "seeds");
    List<String> testPaths = paths("test-paths", "tests");
    List<String> macroPaths = paths("macro-paths", "macros");
    List<Path> others = new ArrayList<>();
    Stream.of(seedPaths, testPaths, macroPaths).flatMap(List::stream).forEach(p -> others.add(root.resolve(p).normalize()));
    others.add(root.resolve("target"));
    others.add(root.resolve("dbt_packages"));

    for (String macroPath : macroPaths) {
      for (Path file : files(root.resolve(macroPath), List.of())) {
        if (file.toString().endsWith(".sql")) {
          macro(file);
        }
      }
    }
    for (String testPath : testPaths) {
      Path generic = root.resolve(testPath).resolve("generic");
      for (Path file : files(generic, List.of())) {
        if (file.toString().endsWith(".sql")) {
          macro(file);
        }
      }
    }
    List<Path> propertyFiles = new ArrayList<>();
    for (String seedPath : seedPaths) {
      Path base = root.resolve(seedPath);
      for (Path file : files(base, List.of())) {
        if (file.toString().endsWith(".csv")) {
          seed(base, file);
        } else if (isYaml(file)) {
          propertyFiles.add(file);
        }
      }
    }
    for (String modelPath : modelPaths) {
      Path base = root.resolve(modelPath).normalize();
      for (Path file : files(base, others)) {
        String fileName = file.getFileName().toString();
        if (fileName.endsWith(".sql")) {
          model(base, file);
        } else if (isYaml(file) && !file.equals(root.resolve(PROJECT_FILE))) {
          propertyFiles.add(file);
        } else if (fileName.endsWith(".md")) {
          docBlocks(file);
        }
      }
    }
    for (String testPath : testPaths) {
      Path base = root.resolve(testPath);
      for (Path file : files(base, List.of(base.resolve("generic")))) {
        if (file.toString().endsWith(".sql")) {
          singularTest(base, file);
        } else if (isYaml(file)) {
          propertyFiles.add(file);
        }
      }
    }
    for (String macroPath : macroPaths) {
      for (Path file : files(root.resolve(macroPath), List.of())) {
        if (file.getFileName().toString().endsWith(".md")) {
          docBlocks(file);
        }
      }
    }
    for (Path file : propertyFiles) {
      properties(file);
    }
    return new SqlProject(root, name, vars, nodes, sources, docs, macros, warnings);
  }

  private Map<String, Object> vars() {
    Map<String, Object> vars = new LinkedHashMap<>();
    settings.get("vars").map().forEach((key, value) -> {
      if (key.equals(name) && value.isMap()) {
        return; // the project's own scope, laid over the global vars below
      }
      vars.put(key, value.plain());
    });
    if (settings.get("vars").get(name).isMap()) {
      settings.get("vars").get(name).map().forEach((key, value) -> vars.put(key, value.plain()));
    }
    vars.putAll(cliVars);
    return vars;
  }

  private List<String> paths(String key, String defaultPath) {
    Yaml value = settings.get(key);
    if (value.value() == null) {
      return List.of(defaultPath);
    }
    return value.list().stream().map(Yaml::text).toList();
  }

  private static boolean isYaml(Path file) {
    String fileName = file.getFileName().toString();
    return fileName.endsWith(".yml") || fileName.endsWith(".yaml");
  }

  /** Files under {@code dir}, sorted, skipping hidden folders and the {@code skip} folders. */
  private static List<Path> files(Path dir, List<Path> skip) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> skip.stream().noneMatch(s -> p.normalize().startsWith(s) && !dir.normalize().startsWith(s)))
          .filter(p -> {
            for (Path part : dir.relativize(p)) {
              if (part.toString().startsWith(".")) {
                return false;
              }
            }
            return true;
          })
          .sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + dir, e);
    }
  }

  private String display(Path file) {
    return root.relativize(file).toString().replace('\\', '/');
  }

  private String text(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ProjectException(display(file), 0, "cannot read: " + e.getMessage());
    }
  }

  private List<String> fqn(Path base, Path file) {
    List<String> fqn = new ArrayList<>();
    fqn.add(name);
    Path relative = base.relativize(file);
    for (int i = 0; i < relative.getNameCount() - 1; i++) {
      fqn.add(relative.getName(i).toString());
    }
    fqn.add(stem(file));
    return fqn;
  }

  private static String stem(Path file) {
    String fileName = file.getFileName().toString();
    int dot = fileName.lastIndexOf('.');
    return dot < 0 ? fileName : fileName.substring(0, dot);
  }

  private void macro(Path file) {
    String text = text(file);
    // {% test name(args) %} defines the generic test 'name': dbt's macro test_name
    Matcher tests = Pattern.compile("\\{%-?\\s*test\\s+([A-Za-z_][A-Za-z0-9_]*)\\s*\\(").matcher(text);
    while (tests.find()) {
      customTests.add(tests.group(1));
    }
    text = text.replaceAll("\\{%(-?)\\s*test\\s+([A-Za-z_][A-Za-z0-9_]*)\\s*\\(", "{%$1 macro test_$2(")
        .replaceAll("\\{%(-?)\\s*endtest\\s*(-?)%}", "{%$1 endmacro $2%}");
    macros.add(new SqlProject.MacroFile(display(file), text));
    docBlocks(file);
  }

  private void docBlocks(Path file) {
    Matcher m = DOCS.matcher(text(file));
    while (m.find()) {
      docs.put(m.group(1), m.group(2).strip());
    }
  }

  private void model(Path base, Path file) {
    String sql = text(file);
    List<String> fqn = fqn(base, file);
    String modelName = fqn.get(fqn.size() - 1);
    String display = display(file);
    StaticScan.Result scan = StaticScan.scan(sql);
    NodeConfig config = folderConfig("models", fqn).with(scan.config());
    add(new Node("model." + name + "." + modelName, modelName, NodeType.MODEL, display, file, fqn, sql, config,
        scan.refs(), scan.sources(), scan.dynamic(), "", Map.of(), null, null), display, 0);
  }

  private void seed(Path base, Path file) {
    List<String> fqn = fqn(base, file);
    String seedName = fqn.get(fqn.size() - 1);
    add(new Node("seed." + name + "." + seedName, seedName, NodeType.SEED, display(file), file, fqn, null,
        folderConfig("seeds", fqn), List.of(), List.of(), false, "", Map.of(), null, null), display(file), 0);
  }

  private void singularTest(Path base, Path file) {
    String sql = text(file);
    List<String> fqn = fqn(base, file);
    String testName = fqn.get(fqn.size() - 1);
    StaticScan.Result scan = StaticScan.scan(sql);
    NodeConfig config = testFolderConfig(fqn).with(scan.config());
    add(new Node("test." + name + "." + testName, testName, NodeType.TEST, display(file), file, fqn, sql, config,
        scan.refs(), scan.sources(), scan.dynamic(), "", Map.of(), null, null), display(file), 0);
  }

  private void add(Node node, String file, int line) {
    if (!node.config().enabled()) {
      return;
    }
    node.config().problem().ifPresent(problem -> {
      throw new ProjectException(file, line, node.type().label() + " " + node.name() + ": " + problem);
    });
    // models and seeds share one name space (ref), tests have their own
    String space = node.type() == NodeType.TEST ? "test:" + node.name() : "ref:" + node.name();
    Node other = byName.putIfAbsent(space, node);
    if (other != null) {
      throw new ProjectException(file, line, "two " + node.type().label() + "s are named '" + node.name()
          + "': " + other.file() + " and " + node.file() + " (names must be unique, as in dbt)");
    }
    nodes.put(node.uniqueId(), node);
  }

  /** The {@code dbt_project.yml} configs of {@code section} (models, seeds) for a node, top folder first. */
  private NodeConfig folderConfig(String section, List<String> fqn) {
    NodeConfig config = NodeConfig.EMPTY;
    Yaml level = settings.get(section);
    config = config.with(configsAt(level));
    level = level.get(fqn.get(0));
    for (int i = 0; i < fqn.size() && level.isMap(); i++) {
      if (i > 0) {
        level = level.get(fqn.get(i));
      }
      config = config.with(configsAt(level));
    }
    return config;
  }

  private NodeConfig testFolderConfig(List<String> fqn) {
    return folderConfig("tests", fqn).with(folderConfig("data_tests", fqn).values());
  }

  private static Map<String, Object> configsAt(Yaml level) {
    Map<String, Object> configs = new LinkedHashMap<>();
    level.map().forEach((key, value) -> {
      String bare = key.startsWith("+") ? key.substring(1) : key;
      if (key.startsWith("+") || CONFIG_KEYS.contains(bare) && (!value.isMap() || MAP_CONFIG_KEYS.contains(bare))) {
        configs.put(bare, value.plain());
      }
    });
    return configs;
  }

  // ---- properties YAML ----

  private void properties(Path file) {
    String display = display(file);
    Yaml doc = Yaml.read(file, display);
    for (Yaml source : doc.get("sources").list()) {
      source(source, display);
    }
    for (String section : List.of("models", "seeds")) {
      for (Yaml entry : doc.get(section).list()) {
        patch(entry, section, display);
      }
    }
  }

  private void source(Yaml entry, String file) {
    String sourceName = entry.get("name").text();
    if (sourceName == null) {
      throw new ProjectException(file, entry.line(), "a source needs a name");
    }
    String schema = render(entry.get("schema"), file, sourceName);
    for (Yaml table : entry.get("tables").list()) {
      String tableName = table.get("name").text();
      if (tableName == null) {
        throw new ProjectException(file, table.line(), "a table of source '" + sourceName + "' needs a name");
      }
      String identifier = render(table.get("identifier"), file, tableName);
      SourceTable source = new SourceTable(sourceName, tableName, schema, identifier,
          description(table.get("description"), file), columnDocs(table, file), file, table.line());
      if (sources.putIfAbsent(source.key(), source) != null) {
        throw new ProjectException(file, table.line(), "source " + source.key() + " is defined twice");
      }
      String target = source.uniqueId(name);
      tests(table, target, "source('" + sourceName + "', '" + tableName + "')", sourceName + "_" + tableName, file);
    }
  }

  private String render(Yaml value, String file, String defaultValue) {
    String text = value.text();
    if (text == null) {
      return defaultValue;
    }
    return text.contains("{{") || text.contains("{%") ? renderer.render(text, file, value.line()).strip() : text;
  }

  /** Docs, config and tests of a model or seed from its properties entry. */
  private void patch(Yaml entry, String section, String file) {
    String entryName = entry.get("name").text();
    String type = section.equals("models") ? "model" : "seed";
    Node node = entryName == null ? null : nodes.get(type + "." + name + "." + entryName);
    if (node == null) {
      warnings.add(file + ":" + entry.line() + ": no " + type + " named '" + entryName + "' for these properties");
      return;
    }
    NodeConfig config = node.config();
    if (entry.get("config").isMap()) {
      // the file's own config(...) still wins over the YAML, as in dbt
      NodeConfig inFile = node.sql() == null ? NodeConfig.EMPTY : new NodeConfig(StaticScan.scan(node.sql()).config());
      config = config.with((Map<String, Object>) entry.get("config").plain()).with(inFile.values());
      Node configured = node.withConfig(config);
      if (!config.enabled()) {
        nodes.remove(node.uniqueId());
        byName.remove("ref:" + node.name());
        return;
      }
      config.problem().ifPresent(problem -> {
        throw new ProjectException(file, entry.line(), type + " " + entryName + ": " + problem);
      });
      node = configured;
    }
    node = node.withDocs(description(entry.get("description"), file), columnDocs(entry, file));
    nodes.put(node.uniqueId(), node);
    tests(entry, node.uniqueId(), "ref('" + entryName + "')", entryName, file);
  }

  private Map<String, String> columnDocs(Yaml entry, String file) {
    Map<String, String> columns = new LinkedHashMap<>();
    for (Yaml column : entry.get("columns").list()) {
      String columnName = column.get("name").text();
      if (columnName == null) {
        throw new ProjectException(file, column.line(), "a column needs a name");
      }
      columns.put(columnName, description(column.get("description"), file));
    }
    return columns;
  }

  private String description(Yaml value, String file) {
    String text = value.text();
    if (text == null) {
      return "";
    }
    Matcher m = DOC_CALL.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String doc = docs.get(m.group(1));
      if (doc == null) {
        throw new ProjectException(file, value.line(), "no docs block named '" + m.group(1) + "'; known: "
            + (docs.isEmpty() ? "(none)" : String.join(", ", docs.keySet())));
      }
      m.appendReplacement(out, Matcher.quoteReplacement(doc));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** The generic tests of an entry (model, seed or source table) and of its columns. */
  private void tests(Yaml entry, String attachedTo, String modelExpression, String targetName, String file) {
    for (Yaml test : testList(entry)) {
      genericTest(test, null, attachedTo, modelExpression, targetName, file);
    }
    for (Yaml column : entry.get("columns").list()) {
      for (Yaml test : testList(column)) {
        genericTest(test, column.get("name").text(), attachedTo, modelExpression, targetName, file);
      }
    }
  }

  private static List<Yaml> testList(Yaml entry) {
    List<Yaml> tests = new ArrayList<>(entry.get("tests").list());
    tests.addAll(entry.get("data_tests").list());
    return tests;
  }

  @SuppressWarnings("unchecked")
  private void genericTest(Yaml test, String column, String attachedTo, String modelExpression, String targetName,
      String file) {
    String testName;
    String customName = null;
    Map<String, Object> args = new LinkedHashMap<>();
    Map<String, Object> config = new LinkedHashMap<>();
    if (test.text() != null) {
      testName = test.text();
    } else if (test.isMap() && test.map().size() == 1 && !test.has("test_name")) {
      Map.Entry<String, Yaml> only = test.map().entrySet().iterator().next();
      testName = only.getKey();
      readTestArgs(only.getValue(), args, config);
    } else if (test.isMap() && test.has("test_name")) {
      testName = test.get("test_name").text();
      customName = test.get("name").text();
      Map<String, Yaml> rest = new LinkedHashMap<>(test.map());
      rest.remove("test_name");
      rest.remove("name");
      readTestArgs(new Yaml(rest, test.line()), args, config);
    } else {
      throw new ProjectException(file, test.line(), "cannot read this test: write '- unique' or '- accepted_values: {values: [...]}'");
    }
    if (!BUILTIN_TESTS.contains(testName) && !customTests.contains(testName)) {
      List<String> known = new ArrayList<>(BUILTIN_TESTS);
      known.addAll(customTests);
      known.sort(null);
      throw new ProjectException(file, test.line(), "unknown generic test '" + testName + "'"
          + (column == null ? "" : " on column " + column) + "; known: " + String.join(", ", known)
          + " (others are {% test %} blocks in the macro or tests/generic folders)");
    }
    Map<String, Object> kwargs = new LinkedHashMap<>();
    if (column != null) {
      kwargs.put("column_name", column);
    }
    kwargs.putAll(args);
    NodeConfig nodeConfig = testFolderConfig(List.of(name)).with(config);
    String modelArg = modelExpression;
    if (nodeConfig.string("where").isPresent()) {
      modelArg = modelExpression + ".where(" + literal(nodeConfig.string("where").get()) + ")";
    }
    StringBuilder call = new StringBuilder("{{ test_").append(testName).append("(model=").append(modelArg);
    kwargs.forEach((key, value) -> call.append(", ").append(key).append('=').append(argument(value)));
    call.append(") }}");
    String uniqueName = customName != null ? customName : testName(testName, targetName, kwargs);
    String sql = call.toString();
    StaticScan.Result scan = StaticScan.scan(sql);
    List<Ref> refs = scan.refs().stream().map(r -> new Ref(r.name(), r.packageName(), test.line())).toList();
    List<SourceRef> sourceRefs = scan.sources().stream()
        .map(s -> new SourceRef(s.source(), s.table(), test.line())).toList();
    add(new Node("test." + name + "." + uniqueName, uniqueName, NodeType.TEST, file, root.resolve(file),
        List.of(name, uniqueName), sql, nodeConfig, refs, sourceRefs, scan.dynamic(), "", Map.of(), attachedTo,
        column), file, test.line());
  }

  @SuppressWarnings("unchecked")
  private static void readTestArgs(Yaml value, Map<String, Object> args, Map<String, Object> config) {
    value.map().forEach((key, item) -> {
      if (key.equals("config") && item.isMap()) {
        config.putAll((Map<String, Object>) item.plain());
      } else if (key.equals("arguments") && item.isMap()) {
        args.putAll((Map<String, Object>) item.plain());
      } else if (TEST_CONFIG_KEYS.contains(key)) {
        config.put(key, item.plain());
      } else {
        args.put(key, item.plain());
      }
    });
  }

  /** dbt's generated test name: test, target, then the flattened arguments; hashed when 64 or longer. */
  static String testName(String testName, String targetName, Map<String, Object> kwargs) {
    List<String> flat = new ArrayList<>();
    new TreeMap<>(kwargs).forEach((key, value) -> {
      if (value instanceof Map<?, ?> map) {
        map.values().forEach(v -> flat.add(String.valueOf(v)));
      } else if (value instanceof List<?> list) {
        list.forEach(v -> flat.add(pythonString(v)));
      } else {
        flat.add(pythonString(value));
      }
    });
    String unique = String.join("__", flat.stream().map(s -> s.replaceAll("[^0-9a-zA-Z_]+", "_")).toList());
    String identifier = testName + "_" + targetName;
    String full = unique.isEmpty() ? identifier : identifier + "_" + unique;
    if (full.length() < 64) {
      return full;
    }
    try {
      byte[] md5 = MessageDigest.getInstance("MD5").digest(full.getBytes(StandardCharsets.UTF_8));
      return identifier.substring(0, Math.min(30, identifier.length())) + "_" + HexFormat.of().formatHex(md5);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String pythonString(Object value) {
    if (value instanceof Boolean b) {
      return b ? "True" : "False";
    }
    return String.valueOf(value);
  }

  /** A test argument as Jinja: {@code ref(...)} and {@code source(...)} strings stay expressions. */
  private static String argument(Object value) {
    if (value instanceof String s && s.strip().matches("(ref|source)\\(.*\\)")) {
      return s.strip();
    }
    return literal(value);
  }

  static String literal(Object value) {
    if (value == null) {
      return "none";
    }
    if (value instanceof String s) {
      return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
    if (value instanceof List<?> list) {
      return "[" + String.join(", ", list.stream().map(ProjectReader::literal).toList()) + "]";
    }
    if (value instanceof Map<?, ?> map) {
      List<String> items = new ArrayList<>();
      map.forEach((k, v) -> items.add(literal(String.valueOf(k)) + ": " + literal(v)));
      return "{" + String.join(", ", items) + "}";
    }
    return String.valueOf(value);
  }
}
