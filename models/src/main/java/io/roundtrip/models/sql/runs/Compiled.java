package io.roundtrip.models.sql.runs;

import io.roundtrip.models.sql.project.Node;
import io.roundtrip.models.sql.project.NodeConfig;

/** A node's SQL as it runs (ephemeral models inlined) and its config with the template's {@code config()} calls. */
public record Compiled(Node node, String sql, NodeConfig config) {}
