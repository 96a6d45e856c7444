package io.roundtrip.app.pipeline;

import io.roundtrip.orchestration.graph.DataInterval;
import io.roundtrip.orchestration.graph.Job;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@code load --source NAME --start --end}: the archive days of the interval into the source's tables. */
record LoadTask(String source) implements Job {

  @Override
  public String name() {
    return "load_" + source;
  }

  @Override
  public String kind() {
    return "load";
  }

  @Override
  public Set<String> inputs() {
    return Set.of();
  }

  @Override
  public Set<String> outputs() {
    return Set.of(source + ".*");
  }

  @Override
  public List<String> command(DataInterval interval) {
    List<String> command = new ArrayList<>(List.of("load", "--source", source));
    command.addAll(interval.arguments());
    return command;
  }
}
