package io.roundtrip.app.pipeline;

import io.roundtrip.orchestration.graph.DataInterval;
import io.roundtrip.orchestration.graph.Job;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code sync run NAME}: sends what changed in the model since the destination last acknowledged it,
 * so a run for any interval sends the same; it takes none. Its output is its run history
 * ({@code sync:NAME}), which the syncs that run {@code after:} it read.
 */
record SyncTask(String sync, Set<String> inputs, Optional<String> schedule) implements Job {

  SyncTask {
    inputs = Set.copyOf(inputs);
  }

  static String history(String sync) {
    return "sync:" + sync;
  }

  @Override
  public String name() {
    return "sync_" + sync;
  }

  @Override
  public String kind() {
    return "sync";
  }

  @Override
  public Set<String> outputs() {
    return Set.of(history(sync));
  }

  @Override
  public List<String> command(DataInterval interval) {
    return List.of("sync", "run", sync);
  }
}
