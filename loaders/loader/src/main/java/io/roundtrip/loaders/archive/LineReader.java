package io.roundtrip.loaders.archive;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An archive file's lines, decoded as strict UTF-8 one line at a time: a line with bytes that are
 * not UTF-8 is reported as such ({@link #invalidAt}) instead of being silently altered, and the
 * lines around it read as usual. {@code \n} ends a line; a {@code \r} before it is dropped.
 */
public final class LineReader implements Closeable {

  private final InputStream in;
  private final byte[] buffer = new byte[1 << 16];
  private int position;
  private int limit;
  private byte[] line = new byte[1 << 12];
  private int length;
  private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
  private CharBuffer chars = CharBuffer.allocate(1 << 12);
  private int invalidAt = -1;

  public LineReader(InputStream in) {
    this.in = in;
  }

  /** The next line, or null at the end; null also when the line's bytes are not UTF-8 ({@link #invalidAt}). */
  public String readLine() throws IOException {
    if (!nextLine()) {
      invalidAt = -1;
      return null;
    }
    return decode();
  }

  /** Whether the last {@link #readLine} returned null for a line that is not UTF-8, rather than the end. */
  public boolean lastLineInvalid() {
    return invalidAt >= 0;
  }

  /** Byte offset, in the last line, of its first byte that is not UTF-8; -1 when it was valid. */
  public int invalidAt() {
    return invalidAt;
  }

  /** The last line with every invalid byte replaced by U+FFFD, for showing it in a reject. */
  public String lossyText() {
    return new String(line, 0, length, StandardCharsets.UTF_8);
  }

  private boolean nextLine() throws IOException {
    length = 0;
    boolean any = false;
    while (true) {
      if (position == limit) {
        limit = in.read(buffer, 0, buffer.length);
        position = 0;
        if (limit <= 0) {
          limit = 0;
          return any;
        }
      }
      any = true;
      int start = position;
      while (position < limit && buffer[position] != '\n') {
        position++;
      }
      append(start, position - start);
      if (position < limit) {
        position++; // the \n
        if (length > 0 && line[length - 1] == '\r') {
          length--;
        }
        return true;
      }
    }
  }

  private void append(int from, int count) {
    if (length + count > line.length) {
      line = Arrays.copyOf(line, Math.max(length + count, line.length * 2));
    }
    System.arraycopy(buffer, from, line, length, count);
    length += count;
  }

  private String decode() {
    invalidAt = -1;
    if (chars.capacity() < length) {
      chars = CharBuffer.allocate(Math.max(length, chars.capacity() * 2));
    }
    chars.clear();
    decoder.reset();
    ByteBuffer bytes = ByteBuffer.wrap(line, 0, length);
    var result = decoder.decode(bytes, chars, true);
    if (result.isError()) {
      invalidAt = bytes.position();
      return null;
    }
    decoder.flush(chars);
    chars.flip();
    return chars.toString();
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
