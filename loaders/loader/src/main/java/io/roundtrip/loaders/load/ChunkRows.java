package io.roundtrip.loaders.load;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.IntPredicate;
import org.apache.spark.sql.catalyst.InternalRow;

/** One table's rows from a chunk, made one at a time as the writer asks for them. */
final class ChunkRows implements Iterator<InternalRow> {

  private final EventChunk chunk;
  private final TableLayout layout;
  private final long loadTime;
  private final IntPredicate include;
  private final int[] matcher;
  private final EventChunk.Cursor cursor = new EventChunk.Cursor();
  private int[] mapping;
  private int next = -1;

  /**
   * @param include which of the chunk's events that belong to the table it gets (duplicates are not)
   */
  ChunkRows(EventChunk chunk, TableLayout layout, long loadTime, IntPredicate include) {
    this.chunk = chunk;
    this.layout = layout;
    this.loadTime = loadTime;
    this.include = include;
    this.matcher = chunk.matcher(layout.table);
    advance();
  }

  private void advance() {
    do {
      next++;
    } while (next < chunk.size && !(chunk.matches(matcher, next) && include.test(next)));
  }

  @Override
  public boolean hasNext() {
    return next < chunk.size;
  }

  @Override
  public InternalRow next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    if (mapping == null) {
      mapping = layout.mapping(chunk);
    }
    InternalRow row = layout.row(chunk, next, 0, chunk.end(matcher, next), mapping, cursor, loadTime);
    advance();
    return row;
  }
}
