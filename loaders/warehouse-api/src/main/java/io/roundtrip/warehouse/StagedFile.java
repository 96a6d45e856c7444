package io.roundtrip.warehouse;

import java.io.Serializable;

/**
 * A file a task staged for a table.
 *
 * @param location where the backend put it (a path for file-based backends)
 * @param statistics the backend's own statistics of the file (for Delta, the {@code stats} JSON of
 *     its {@code add} action), opaque to the loader
 */
public record StagedFile(TableId table, String location, long bytes, long rows, String statistics)
    implements Serializable {}
