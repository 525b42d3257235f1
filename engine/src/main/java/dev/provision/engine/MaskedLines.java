package dev.provision.engine;

import dev.provision.model.Sensitive;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Turns a container's log, arriving as raw byte chunks cut anywhere (inside a line, a character or
 * a secret), into masked text: bytes are decoded as UTF-8 across chunk ends (invalid bytes become
 * U+FFFD), text is held until a line ends, and each whole line is masked by {@link
 * Sensitive#redact} before it is passed on (with its {@code \n}; a {@code \r} stays as it came). A
 * line longer than {@link #maxLine} is passed on in pieces: the held text is masked, and all of it
 * but the last {@link #keep} characters (enough to hold the start of any secret or URL user-info
 * that may continue in the next chunk) goes out. Text with no newline at the end of the log goes
 * out at {@link #finish}, masked, without a newline added.
 *
 * <p>Terminal escape sequences (ANSI colours) pass as they came, as {@code docker logs} shows them;
 * a secret with an escape sequence written into its middle is not recognised.
 */
public final class MaskedLines {
  /** The longest URL user-info {@link Sensitive} recognises, plus its scheme. */
  private static final int USER_INFO_SPAN = 512 + 40;

  private static final int MIN_MAX_LINE = 16 * 1024;

  private final Sensitive sensitive;
  private final Consumer<String> out;
  private final int keep;
  private final int maxLine;
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE);
  private final ByteBuffer pending = ByteBuffer.allocate(8);
  private final StringBuilder line = new StringBuilder();

  /** Masks every text of {@code sensitive}; passes masked text to {@code out}. */
  public MaskedLines(Sensitive sensitive, Consumer<String> out) {
    this(sensitive, out, MIN_MAX_LINE);
  }

  MaskedLines(Sensitive sensitive, Consumer<String> out, int maxLine) {
    this.sensitive = sensitive;
    this.out = out;
    int longest = sensitive.texts().stream().mapToInt(String::length).max().orElse(0);
    this.keep = Math.max(longest, USER_INFO_SPAN);
    this.maxLine = Math.max(maxLine, 2 * keep);
  }

  /** Takes the next chunk of the log as it came. */
  public void accept(byte[] chunk) {
    ByteBuffer in = ByteBuffer.wrap(chunk);
    CharBuffer chars = CharBuffer.allocate(chunk.length + pending.capacity());
    pending.flip();
    ByteBuffer joined = ByteBuffer.allocate(pending.remaining() + chunk.length);
    joined.put(pending).put(in).flip();
    pending.clear();
    decoder.decode(joined, chars, false);
    // what is left is the start of a character whose other bytes come in the next chunk
    pending.put(joined);
    chars.flip();
    take(chars);
  }

  private void take(CharSequence chars) {
    for (int i = 0; i < chars.length(); i++) {
      char c = chars.charAt(i);
      line.append(c);
      if (c == '\n') {
        out.accept(sensitive.redact(line.toString()));
        line.setLength(0);
      } else if (line.length() >= maxLine) {
        String masked = sensitive.redact(line.toString());
        int cut = masked.length() - keep;
        if (cut > 0) {
          out.accept(masked.substring(0, cut));
        }
        line.setLength(0);
        line.append(masked, Math.max(0, cut), masked.length());
      }
    }
  }

  /** The log ended: passes on what is held (a last line without a newline), masked. */
  public void finish() {
    pending.flip();
    CharBuffer chars = CharBuffer.allocate(pending.capacity() * 2);
    decoder.decode(pending, chars, true);
    chars.flip();
    take(chars);
    pending.clear();
    CharBuffer tail = CharBuffer.allocate(8);
    decoder.flush(tail);
    tail.flip();
    take(tail);
    if (line.length() > 0) {
      out.accept(sensitive.redact(line.toString()));
      line.setLength(0);
    }
  }
}
