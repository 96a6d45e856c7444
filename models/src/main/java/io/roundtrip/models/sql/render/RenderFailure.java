package io.roundtrip.models.sql.render;

/** A template called something that cannot work (an unknown ref, a missing var); Jinja reports it with its line. */
final class RenderFailure extends RuntimeException {
  RenderFailure(String message) {
    super(message, null, false, false);
  }
}
