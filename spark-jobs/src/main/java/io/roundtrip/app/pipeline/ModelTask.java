package io.roundtrip.app.pipeline;

import io.roundtrip.orchestration.graph.DataInterval;
import io.roundtrip.orchestration.graph.Job;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code models run MODEL --source NAME}. A model reads the tables as loaded so far (identity only
 * what is new since its last run) and skips itself when its inputs are those of its last run, so it
 * takes no interval: running it again for a day gives the same tables.
 */
record ModelTask(String model, String source, Set<String> inputs, Set<String> outputs) implements Job {

  ModelTask {
    inputs = Set.copyOf(inputs);
    outputs = Set.copyOf(outputs);
  }

  @Override
  public String name() {
    return model.toLowerCase(Locale.ROOT) + "_" + source;
  }

  @Override
  public String kind() {
    return "model";
  }

  @Override
  public List<String> command(DataInterval interval) {
    return List.of("models", "run", model.toLowerCase(Locale.ROOT), "--source", source);
  }
}
