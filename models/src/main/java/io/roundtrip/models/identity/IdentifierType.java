package io.roundtrip.models.identity;

/** The kinds of identifier, in the order that breaks ties when choosing a person's canonical id. */
public enum IdentifierType {
  USER_ID("user_id"),
  ANONYMOUS_ID("anonymous_id"),
  EMAIL("email");

  private final String column;

  IdentifierType(String column) {
    this.column = column;
  }

  /** The name stored in the identity tables. */
  public String label() {
    return column;
  }
}
