package io.roundtrip.loaders.load;

/** Where a load reports what it is doing. Called from the driver, never from tasks. */
public interface LoadProgress {

  void phase(String name);

  void parsed(long filesDone, long filesTotal, long events);

  LoadProgress SILENT = new LoadProgress() {
    @Override
    public void phase(String name) {}

    @Override
    public void parsed(long filesDone, long filesTotal, long events) {}
  };
}
