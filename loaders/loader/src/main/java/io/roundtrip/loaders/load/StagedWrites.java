package io.roundtrip.loaders.load;

import io.roundtrip.loaders.archive.ArchiveFile;
import io.roundtrip.loaders.bookkeeping.IssueTables;
import io.roundtrip.loaders.event.Discard;
import io.roundtrip.loaders.event.RejectedLine;
import io.roundtrip.warehouse.StagedFile;
import io.roundtrip.warehouse.StagedWriter;
import io.roundtrip.warehouse.StagedWriters;
import io.roundtrip.warehouse.TableId;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * The write phase, in each task: one pass over the task's parsed chunks writes every table's new
 * rows, and the rejects and discards of its files, into staged files (one per table the task has
 * rows for). Nothing is visible until the driver commits the files ({@link TableCommits}); this is
 * what makes a load's cost follow its events instead of the number of tables it touches.
 */
final class StagedWrites implements FlatMapFunction<Iterator<EventChunk>, StagedFile> {

  private final StagedWriters writers;
  private final Layouts layouts;
  private final Broadcast<Duplicates> duplicates;
  private final Stamp stamp;

  /**
   * The values every bookkeeping row of this load carries.
   *
   * @param reread per file, whether an earlier load recorded it as loaded (a reload), so its rejects
   *     are already recorded
   */
  record Stamp(String source, String loadId, long loadTime, List<ArchiveFile> files, List<Boolean> reread)
      implements Serializable {}

  /** The layout of every table the load writes, and its id. */
  record Layouts(String source, Map<String, TableLayout> byTable) implements Serializable {}

  StagedWrites(StagedWriters writers, Layouts layouts, Broadcast<Duplicates> duplicates, Stamp stamp) {
    this.writers = writers;
    this.layouts = layouts;
    this.duplicates = duplicates;
    this.stamp = stamp;
  }

  @Override
  public Iterator<StagedFile> call(Iterator<EventChunk> chunks) {
    TaskContext context = TaskContext.get();
    int task = context == null ? 0 : context.partitionId();
    Map<TableId, StagedWriter> open = new HashMap<>();
    try {
      EventChunk.Cursor cursor = new EventChunk.Cursor();
      while (chunks.hasNext()) {
        write(chunks.next(), open, task, cursor);
      }
      List<StagedFile> staged = new ArrayList<>(open.size());
      for (StagedWriter writer : open.values()) {
        staged.add(writer.finish());
      }
      return staged.iterator();
    } catch (RuntimeException | Error e) {
      open.values().forEach(StagedWriter::abort);
      throw e;
    }
  }

  private void write(EventChunk chunk, Map<TableId, StagedWriter> open, int task, EventChunk.Cursor cursor) {
    Duplicates dups = duplicates.value();
    Map<String, int[]> mappings = new HashMap<>();
    ArchiveFile file = stamp.files().get(chunk.file);
    for (int i = 0; i < chunk.size; i++) {
      if (dups.repeatedInLoad(chunk, i) || dups.alreadyLoaded(chunk, i)) {
        continue;
      }
      List<Discard> discards = chunk.discards.get(i) == null ? new ArrayList<>(0) : new ArrayList<>(chunk.discards.get(i));
      for (String table : chunk.tables(i)) {
        TableLayout layout = layouts.byTable().get(table);
        int[] range = chunk.range(i, table);
        int[] mapping = mappings.computeIfAbsent(table, t -> layout.mapping(chunk));
        writer(open, new TableId(layouts.source(), table), layout, task)
            .write(layout.row(chunk, i, range[0], range[1], mapping, cursor, stamp.loadTime()));
        layout.discards(chunk, i, range[0], range[1], mapping, cursor, discards::add);
      }
      for (Discard d : discards) {
        writer(open, IssueTables.DISCARDS, null, task).write(row(stamp.source(), d.table(), d.column(), file.path(),
            file.checksum(), chunk.lines[i], chunk.ids[i], d.value(), d.reason(), stamp.loadId(), stamp.loadTime()));
      }
    }
    for (RejectedLine reject : stamp.reread().get(chunk.file) ? List.<RejectedLine>of() : chunk.rejects) {
      writer(open, IssueTables.REJECTS, null, task).write(row(stamp.source(), file.path(), file.checksum(),
          reject.line(), reject.reason(), reject.raw(), stamp.loadId(), stamp.loadTime()));
    }
  }

  private StagedWriter writer(Map<TableId, StagedWriter> open, TableId table, TableLayout layout, int task) {
    return open.computeIfAbsent(table, t -> writers.open(t,
        layout != null ? layout.sparkSchema() : IssueTables.schema(t), task));
  }

  /**
   * A bookkeeping row in Spark's internal form: the columns of the rejects and discards tables are
   * strings, then longs where a value is a Long, and the load time (a timestamp) last.
   */
  private static InternalRow row(Object... values) {
    Object[] internal = new Object[values.length];
    for (int i = 0; i < values.length; i++) {
      internal[i] = values[i] instanceof String text ? UTF8String.fromString(text) : values[i];
    }
    return new GenericInternalRow(internal);
  }
}
