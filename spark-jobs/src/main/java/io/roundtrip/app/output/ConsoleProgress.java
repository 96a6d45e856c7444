package io.roundtrip.app.output;

import io.roundtrip.loaders.load.LoadProgress;
import java.io.PrintWriter;

/** Load progress on stderr: one line per phase, and files and events read while parsing. */
public final class ConsoleProgress implements LoadProgress {

  private final PrintWriter err;
  private final long started = System.nanoTime();
  private long lastEvents = -1;

  public ConsoleProgress(PrintWriter err) {
    this.err = err;
  }

  @Override
  public synchronized void phase(String name) {
    err.printf("[%6.1fs] %s%n", seconds(), name);
    err.flush();
  }

  @Override
  public synchronized void parsed(long filesDone, long filesTotal, long events) {
    if (events == lastEvents) {
      return;
    }
    lastEvents = events;
    err.printf("[%6.1fs]   read %,d of %,d files, %,d events%n", seconds(), filesDone, filesTotal, events);
    err.flush();
  }

  @Override
  public synchronized void written(String table, long rows, long millis) {
    err.printf("[%6.1fs]   %s: %,d rows in %.1f s%n", seconds(), table, rows, millis / 1000.0);
    err.flush();
  }

  private double seconds() {
    return (System.nanoTime() - started) / 1e9;
  }
}
