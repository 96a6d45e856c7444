package io.roundtrip.loaders.samples;

/**
 * One line of a day's archive and where to sort it. For valid events it also remembers where some
 * values sit in the text, so a retry or a broken copy can be made by patching instead of
 * re-serialising; those offsets are -1 on bad lines.
 *
 * @param receivedAt the sort key: the line's receivedAt, or for a bad line that of the event it was
 *     made from
 * @param seq order of creation within the day, breaking ties so the sort is deterministic
 */
record Line(long receivedAt, long sentAt, int seq, String text, int messageIdAt, int receivedAtAt,
    int sentAtAt, int typeAt) {

  static final int MESSAGE_ID_LENGTH = 36;

  static Line bad(long receivedAt, int seq, String text) {
    return new Line(receivedAt, 0, seq, text, -1, -1, -1, -1);
  }
}
