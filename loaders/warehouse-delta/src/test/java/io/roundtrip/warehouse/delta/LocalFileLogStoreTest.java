package io.roundtrip.warehouse.delta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.delta.storage.CloseableIterator;
import java.io.FileNotFoundException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What Delta needs of a log store: put-if-absent commits, "absent" told from "unreadable", sorted listings. */
class LocalFileLogStoreTest {

  @TempDir
  Path tmp;

  private final Configuration conf = new Configuration();
  private final LocalFileLogStore store = new LocalFileLogStore(conf);

  private org.apache.hadoop.fs.Path path(String name) {
    return new org.apache.hadoop.fs.Path(tmp.resolve(name).toUri());
  }

  @Test
  void aCommitFileIsWrittenOnceAndASecondWriterIsRefused() throws Exception {
    store.write(path("00000000000000000001.json"), List.of("{\"a\":1}").iterator(), false, conf);

    assertThatThrownBy(() -> store.write(path("00000000000000000001.json"), List.of("{\"b\":2}").iterator(), false,
        conf)).isInstanceOf(FileAlreadyExistsException.class);
    assertThat(Files.readAllLines(tmp.resolve("00000000000000000001.json"))).containsExactly("{\"a\":1}");
    try (var files = Files.list(tmp)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("00000000000000000001.json");
    }
  }

  @Test
  void ofManyConcurrentWritersOfOneVersionExactlyOneWins() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<Boolean>> attempts = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      int writer = i;
      attempts.add(pool.submit(() -> {
        try {
          store.write(path("00000000000000000002.json"), List.of("{\"writer\":" + writer + "}").iterator(), false,
              conf);
          return true;
        } catch (FileAlreadyExistsException e) {
          return false;
        }
      }));
    }
    int won = 0;
    for (Future<Boolean> attempt : attempts) {
      won += attempt.get() ? 1 : 0;
    }
    pool.shutdown();
    assertThat(won).isEqualTo(1);
  }

  @Test
  void readingAFileThatIsNotThereSaysFileNotFound() {
    assertThatThrownBy(() -> store.read(path("_last_checkpoint"), conf)).isInstanceOf(FileNotFoundException.class);
  }

  @Test
  void readsTheLinesItWrote() throws Exception {
    store.write(path("00000000000000000000.json"), List.of("one", "two").iterator(), false, conf);
    List<String> lines = new ArrayList<>();
    try (CloseableIterator<String> read = store.read(path("00000000000000000000.json"), conf)) {
      read.forEachRemaining(lines::add);
    }
    assertThat(lines).containsExactly("one", "two");
  }

  @Test
  void listsFromANameOnInNameOrder() throws Exception {
    for (String name : List.of("00000000000000000003.json", "00000000000000000001.json", "00000000000000000002.json")) {
      store.write(path(name), List.of("{}").iterator(), false, conf);
    }
    List<String> names = new ArrayList<>();
    Iterator<FileStatus> listed = store.listFrom(path("00000000000000000002.json"), conf);
    listed.forEachRemaining(f -> names.add(f.getPath().getName()));

    assertThat(names).containsExactly("00000000000000000002.json", "00000000000000000003.json");
    assertThatThrownBy(() -> store.listFrom(path("missing/00000000000000000000.json"), conf))
        .isInstanceOf(FileNotFoundException.class);
  }
}
