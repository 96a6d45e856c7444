package io.roundtrip.orchestration.graph;

/** A graph that cannot run: a cycle, an input nothing writes, two jobs of one name. Found before anything runs. */
public final class GraphException extends RuntimeException {

  public GraphException(String message) {
    super(message);
  }
}
