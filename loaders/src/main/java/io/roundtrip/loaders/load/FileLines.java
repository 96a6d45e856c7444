package io.roundtrip.loaders.load;

import io.roundtrip.loaders.archive.Archive;
import io.roundtrip.loaders.event.EventParser;
import io.roundtrip.loaders.event.FileEnd;
import io.roundtrip.loaders.event.FlatEvent;
import io.roundtrip.loaders.event.ParsedLine;
import io.roundtrip.loaders.event.RejectedLine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.util.LongAccumulator;

/**
 * The parsed lines of one file, read lazily, ending with a {@link FileEnd}. Blank lines produce
 * nothing (they are counted from the line numbers).
 */
final class FileLines implements Iterator<ParsedLine> {

  private final int file;
  private final String path;
  private final Configuration conf;
  private final EventParser parser;
  private final LongAccumulator eventsRead;
  private final LongAccumulator filesRead;
  private BufferedReader reader;
  private long line;
  private ParsedLine next;
  private boolean ended;
  private boolean pendingEnd;

  FileLines(int file, String path, Configuration conf, EventParser parser, LongAccumulator eventsRead,
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
    if (next == null && !ended) {
      next = advance();
    }
    return next != null;
  }

  @Override
  public ParsedLine next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    ParsedLine result = next;
    next = null;
    return result;
  }

  private ParsedLine advance() {
    try {
      if (pendingEnd) {
        return end();
      }
      if (reader == null) {
        reader = Archive.openText(path, conf);
      }
      for (String text; (text = reader.readLine()) != null; ) {
        line++;
        ParsedLine parsed = parser.parse(file, line, text);
        if (parsed != null) {
          if (parsed instanceof FlatEvent) {
            eventsRead.add(1);
          }
          return parsed;
        }
      }
      return end();
    } catch (java.io.EOFException | java.util.zip.ZipException e) {
      // A truncated or corrupt file: keep what was read, reject the rest as one unreadable line.
      line++;
      pendingEnd = true;
      return new RejectedLine(file, line, "unreadable from this line on: " + e.getMessage(), "");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + path + " after line " + line + ": " + e.getMessage(), e);
    }
  }

  private ParsedLine end() throws IOException {
    reader.close();
    ended = true;
    filesRead.add(1);
    return new FileEnd(file, line);
  }
}
