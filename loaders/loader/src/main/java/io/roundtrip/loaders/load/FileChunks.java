package io.roundtrip.loaders.load;

import io.roundtrip.loaders.archive.Archive;
import io.roundtrip.loaders.archive.LineReader;
import io.roundtrip.loaders.event.EventParser;
import io.roundtrip.loaders.event.FilteredLine;
import io.roundtrip.loaders.event.FlatEvent;
import io.roundtrip.loaders.event.ParsedLine;
import io.roundtrip.loaders.event.RejectedLine;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.zip.ZipException;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.util.LongAccumulator;

/**
 * Reads one file lazily into {@link EventChunk}s. Blank lines produce nothing (the last chunk
 * carries the file's line count, so they are counted). A file that turns out truncated or corrupt
 * keeps what was read and rejects the rest as one unreadable line.
 */
final class FileChunks implements Iterator<EventChunk> {

  private final int file;
  private final String path;
  private final Configuration conf;
  private final EventParser parser;
  private final LongAccumulator eventsRead;
  private final LongAccumulator filesRead;
  private LineReader reader;
  private long line;
  private boolean done;

  FileChunks(int file, String path, Configuration conf, EventParser parser, LongAccumulator eventsRead,
      LongAccumulator filesRead) {
    this.file = file;
    this.path = path;
    this.conf = conf;
    this.parser = parser;
    this.eventsRead = eventsRead;
    this.filesRead = filesRead;
  }

  @Override
  public boolean hasNext() {
    return !done;
  }

  @Override
  public EventChunk next() {
    if (done) {
      throw new NoSuchElementException();
    }
    EventChunkBuilder chunk = new EventChunkBuilder(file);
    try {
      if (reader == null) {
        reader = Archive.openLines(path, conf);
      }
      long events = 0;
      for (String text; !chunk.isFull() && ((text = reader.readLine()) != null || reader.lastLineInvalid()); ) {
        line++;
        if (text == null) {
          chunk.add(new RejectedLine(file, line, "not UTF-8: invalid byte at offset " + reader.invalidAt()
              + " of the line", reader.lossyText()));
          continue;
        }
        ParsedLine parsed = parser.parse(file, line, text);
        if (parsed instanceof FlatEvent event) {
          chunk.add(event);
          events++;
        } else if (parsed instanceof RejectedLine reject) {
          chunk.add(reject);
        } else if (parsed instanceof FilteredLine) {
          chunk.addFiltered();
        }
      }
      eventsRead.add(events);
      if (chunk.isFull()) {
        return chunk.build(-1);
      }
    } catch (EOFException | ZipException e) {
      line++;
      chunk.add(new RejectedLine(file, line, "unreadable from this line on: " + e.getMessage(), ""));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + path + " after line " + line + ": " + e.getMessage(), e);
    }
    close();
    return chunk.build(line);
  }

  private void close() {
    done = true;
    filesRead.add(1);
    try {
      if (reader != null) {
        reader.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot close " + path, e);
    }
  }
}
