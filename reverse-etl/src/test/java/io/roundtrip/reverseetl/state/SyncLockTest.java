package io.roundtrip.reverseetl.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One run of a sync at a time; a lock left by a killed run does not block the next. */
class SyncLockTest {

  @TempDir
  Path root;

  private StateStore store() {
    return new StateStore(root.toString(), new Configuration());
  }

  private void leaveLock(String sync, String host, long pid) throws Exception {
    Files.createDirectories(root.resolve(sync));
    Files.writeString(root.resolve(sync).resolve("run.lock"),
        "{\"run_by\":\"cron\",\"host\":\"" + host + "\",\"pid\":" + pid + ",\"since\":\"2026-11-23T03:00:00Z\"}");
  }

  @Test
  void aSecondRunOfTheSameSyncIsRefusedNamingTheFirstUntilTheFirstEnds() {
    StateStore store = store();
    try (SyncLock first = store.lock("vip")) {
      assertThatThrownBy(() -> store.lock("vip")).isInstanceOf(SyncLockedException.class)
          .hasMessageContaining("sync vip is already running")
          .hasMessageContaining("(process " + ProcessHandle.current().pid() + ")")
          .hasMessageContaining("delete " + root.resolve("vip").resolve("run.lock") + " and run again");
      try (SyncLock other = store.lock("other")) {
        assertThat(root.resolve("other").resolve("run.lock")).exists();
      }
    }
    assertThat(root.resolve("vip").resolve("run.lock")).doesNotExist();
    try (SyncLock again = store.lock("vip")) {
      assertThat(root.resolve("vip").resolve("run.lock")).exists();
    }
  }

  @Test
  void aLockLeftByAKilledRunOnThisHostIsTakenOver() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    leaveLock("vip", InetAddress.getLocalHost().getHostName(), gone.pid());

    try (SyncLock lock = store().lock("vip")) {
      assertThat(Files.readString(root.resolve("vip").resolve("run.lock")))
          .contains("\"pid\":" + ProcessHandle.current().pid());
    }
  }

  @Test
  void aLockHeldFromAnotherHostIsLeftForAPersonToJudge() throws Exception {
    leaveLock("vip", "airflow-worker-7", 4242);

    assertThatThrownBy(() -> store().lock("vip")).isInstanceOf(SyncLockedException.class)
        .hasMessageContaining("run by cron on airflow-worker-7 (process 4242) since 2026-11-23T03:00:00Z");
    assertThat(root.resolve("vip").resolve("run.lock")).exists();
  }
}
