package io.roundtrip.loaders.event;

/** What one input line became: an event, or a rejected line with the reason. */
public sealed interface ParsedLine permits FlatEvent, RejectedLine, FileEnd {

  /** Index of the input file in the load plan. */
  int file();

  /** 1-based line number in that file. */
  long line();
}
