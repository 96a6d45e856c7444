package io.roundtrip.models.sql.project;

/**
 * Something in the project is wrong (a file, a ref, a cycle, a template); the message names the file
 * and line. Nothing runs when the project has one.
 */
public final class ProjectException extends RuntimeException {

  private final String file;
  private final int line;

  public ProjectException(String file, int line, String message) {
    super(file == null ? message : file + (line > 0 ? ":" + line : "") + ": " + message);
    this.file = file;
    this.line = line;
  }

  public ProjectException(String message) {
    this(null, 0, message);
  }

  /** The project file, relative to the project folder, or null when the error is not in one. */
  public String file() {
    return file;
  }

  /** The line, from 1; 0 when unknown. */
  public int line() {
    return line;
  }
}
