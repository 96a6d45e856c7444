package io.roundtrip.reverseetl.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateStoreTest {

  @TempDir
  Path tmp;

  private StateStore store() {
    return new StateStore(tmp.toString(), new Configuration());
  }

  private static SyncState audience(int size) {
    Map<String, SyncState.Entry> entries = new HashMap<>();
    for (int i = 0; i < size; i++) {
      entries.put("k" + i, new SyncState.Entry(i, true));
    }
    return new SyncState(1, "3", entries, new HashMap<>(Map.of("s1", 5L)), new HashMap<>());
  }

  private List<String> files() throws IOException {
    try (Stream<Path> files = Files.list(tmp.resolve("vip"))) {
      return files.map(f -> f.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
    }
  }

  @Test
  void aSmallChangeIsWrittenOnItsOwnAndReadOnTopOfTheSnapshot() throws IOException {
    StateStore store = store();
    store.commit("vip", audience(100));
    SyncState base = store.load("vip");

    store.commit("vip", base, new StateChanges(2, "4", Map.of("k1", new SyncState.Entry(99, true),
        "new", new SyncState.Entry(7, false)), Set.of("k2"), Map.of("s2", 6L), Set.of("s1"),
        Map.of("k3", new SyncState.Failure(3, 1, "HTTP 503"))));

    assertThat(files()).containsExactly("v000000000001.state", "v000000000002.changes");
    SyncState loaded = store.load("vip");
    assertThat(loaded.version()).isEqualTo(2);
    assertThat(loaded.modelVersion()).isEqualTo("4");
    assertThat(loaded.acknowledged()).hasSize(100).containsEntry("k1", new SyncState.Entry(99, true))
        .containsEntry("new", new SyncState.Entry(7, false)).doesNotContainKey("k2");
    assertThat(loaded.skipped()).containsExactly(Map.entry("s2", 6L));
    assertThat(loaded.failures()).containsOnlyKeys("k3");
  }

  @Test
  void manyChangesMakeANewSnapshotAndTheOldFilesGo() throws IOException {
    StateStore store = store();
    store.commit("vip", audience(10));
    Map<String, SyncState.Entry> most = new HashMap<>();
    for (int i = 0; i < 8; i++) {
      most.put("k" + i, new SyncState.Entry(-i, true));
    }

    store.commit("vip", store.load("vip"), new StateChanges(2, "4", most, Set.of(), Map.of(), Set.of(), Map.of()));

    assertThat(files()).containsExactly("v000000000002.state");
    assertThat(store.load("vip").acknowledged()).containsEntry("k7", new SyncState.Entry(-7, true)).hasSize(10);
  }

  @Test
  void runsOfChangesAreFoldedIntoASnapshotAfterAWhile() throws IOException {
    StateStore store = store();
    store.commit("vip", audience(1000));
    for (int run = 2; run <= 13; run++) {
      store.commit("vip", store.load("vip"), new StateChanges(run, String.valueOf(run),
          Map.of("k" + run, new SyncState.Entry(run * 10L, true)), Set.of(), Map.of(), Set.of(), Map.of()));
    }

    assertThat(files().stream().filter(n -> n.endsWith(".changes")).count()).isLessThanOrEqualTo(11);
    SyncState loaded = store.load("vip");
    assertThat(loaded.version()).isEqualTo(13);
    assertThat(loaded.acknowledged()).containsEntry("k13", new SyncState.Entry(130, true))
        .containsEntry("k2", new SyncState.Entry(20, true)).hasSize(1000);
  }
}
