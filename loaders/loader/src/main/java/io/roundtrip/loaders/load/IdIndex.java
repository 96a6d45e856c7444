package io.roundtrip.loaders.load;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A set of messageIds, each with a long, looked up for every event of every table a load writes.
 *
 * <p>Not a HashMap: messageIds are mostly hex UUIDs, whose {@code String.hashCode} values collide
 * about once in a hundred and cluster in the low bits, so a HashMap of them degrades into trees.
 * This table hashes the characters with a 64-bit mix and probes linearly.
 */
final class IdIndex implements Serializable {

  private String[] keys;
  private long[] values;
  private int size;
  private int mask;

  IdIndex(int expected) {
    int capacity = Integer.highestOneBit(Math.max(4, expected * 2 - 1)) << 1;
    keys = new String[capacity];
    values = new long[capacity];
    mask = capacity - 1;
  }

  static IdIndex empty() {
    return new IdIndex(0);
  }

  void put(String id, long value) {
    if ((size + 1) * 2 > keys.length) {
      grow();
    }
    int slot = find(id);
    if (keys[slot] == null) {
      keys[slot] = id;
      size++;
    }
    values[slot] = value;
  }

  boolean contains(String id) {
    return size > 0 && keys[find(id)] != null;
  }

  /** The id's value, or {@code absent}. */
  long get(String id, long absent) {
    if (size == 0) {
      return absent;
    }
    int slot = find(id);
    return keys[slot] == null ? absent : values[slot];
  }

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  private int find(String id) {
    int slot = (int) hash(id) & mask;
    while (keys[slot] != null && !keys[slot].equals(id)) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  private void grow() {
    String[] oldKeys = keys;
    long[] oldValues = values;
    keys = new String[oldKeys.length * 2];
    values = new long[oldKeys.length * 2];
    mask = keys.length - 1;
    size = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != null) {
        put(oldKeys[i], oldValues[i]);
      }
    }
  }

  /** FNV-1a over the characters, then SplitMix64's finaliser to spread every bit. */
  static long hash(String id) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < id.length(); i++) {
      h = (h ^ id.charAt(i)) * 0x100000001b3L;
    }
    h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
    h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
    return h ^ (h >>> 31);
  }

  @Override
  public String toString() {
    return "IdIndex" + Arrays.toString(Arrays.stream(keys).filter(k -> k != null).limit(5).toArray()) + "(" + size + ")";
  }
}
