package io.roundtrip.warehouse;

/** The namespace of Roundtrip's own tables (loads, rejects, discards, sync runs, ...), named once. */
public final class Bookkeeping {

  /** {@code _roundtrip}: never a source name, since source names may not start with {@code _}. */
  public static final String NAMESPACE = "_roundtrip";

  private Bookkeeping() {}

  public static TableId table(String name) {
    return new TableId(NAMESPACE, name);
  }
}
