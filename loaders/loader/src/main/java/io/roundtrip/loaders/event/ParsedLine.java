package io.roundtrip.loaders.event;

/** What one input line became: an event, a rejected line with the reason, or a line left out by the filter. */
public sealed interface ParsedLine permits FlatEvent, RejectedLine, FilteredLine, FileEnd {

  /** Index of the input file in the load plan. */
  int file();

  /** 1-based line number in that file. */
  long line();
}
