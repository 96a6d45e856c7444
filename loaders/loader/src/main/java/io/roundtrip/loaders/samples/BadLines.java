package io.roundtrip.loaders.samples;

import java.util.List;

/**
 * Lines a loader must reject, in the shapes real archives contain: cut-off writes, proxy error
 * pages, a batch array where an object belongs, and events missing or garbling a required field.
 * Made from the valid event they are inserted next to; the ones that still look like events get a
 * fresh messageId so they can never be mistaken for a copy of a valid event.
 */
final class BadLines {

  enum Kind { TRUNCATED, GARBAGE, ARRAY, NO_RECEIVED_AT, UNKNOWN_TYPE, BAD_RECEIVED_AT }

  private static final List<String> GARBAGE = List.of(
      "<html><head><title>502 Bad Gateway</title></head><body><center>nginx</center></body></html>",
      "upstream connect error or disconnect/reset before headers. reset reason: overflow",
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>SlowDown</Code></Error>",
      "Segment archive: checksum mismatch in block 7f3a9c",
      "#### partial flush ####");

  private static final String RECEIVED_AT_MEMBER = ",\"receivedAt\":\"";

  private BadLines() {}

  static Line from(Rng rng, Line event, int seq) {
    Kind kind = Kind.values()[rng.nextInt(Kind.values().length)];
    String text = event.text();
    String bad = switch (kind) {
      // Any proper prefix of an object is invalid JSON: its closing brace is the last character.
      case TRUNCATED -> text.substring(0, text.length() / 4 + rng.nextInt(text.length() / 2));
      case GARBAGE -> rng.pick(GARBAGE);
      case ARRAY -> "[" + text + "]";
      // (a line without messageId is not bad: the loader derives one from its content)
      case NO_RECEIVED_AT -> {
        String renamed = withNewMessageId(rng, event);
        int member = renamed.lastIndexOf(RECEIVED_AT_MEMBER, event.receivedAtAt());
        yield renamed.substring(0, member) + renamed.substring(event.receivedAtAt() + IsoTime.LENGTH + 1);
      }
      case UNKNOWN_TYPE -> {
        String renamed = withNewMessageId(rng, event);
        int end = renamed.indexOf('"', event.typeAt());
        yield renamed.substring(0, event.typeAt()) + "unknown" + renamed.substring(end);
      }
      case BAD_RECEIVED_AT -> {
        String renamed = withNewMessageId(rng, event);
        yield renamed.substring(0, event.receivedAtAt()) + "not-a-date"
            + renamed.substring(event.receivedAtAt() + IsoTime.LENGTH);
      }
    };
    return Line.bad(event.receivedAt(), seq, bad);
  }

  private static String withNewMessageId(Rng rng, Line event) {
    char[] chars = event.text().toCharArray();
    rng.uuid().getChars(0, Line.MESSAGE_ID_LENGTH, chars, event.messageIdAt());
    return new String(chars);
  }
}
