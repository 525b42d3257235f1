package dev.provision.cli;

import dev.provision.model.Sensitive;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.function.Supplier;

/**
 * The CLI's last net for secrets: everything written to standard output and error passes through
 * here a line at a time, and every sensitive text of every spec read so far (what references read,
 * URL user-info, secret fields) is masked before it reaches the stream. The engine and the views
 * mask at the source already; this catches what a message built from a derived value would leak.
 */
final class RedactingWriter extends Writer {
  private final PrintWriter target;
  private final Supplier<Sensitive> sensitive;
  private final StringBuilder line = new StringBuilder();

  private RedactingWriter(PrintWriter target, Supplier<Sensitive> sensitive) {
    this.target = target;
    this.sensitive = sensitive;
  }

  /** A print writer (flushing on println) that redacts before writing to {@code target}. */
  static PrintWriter wrap(PrintWriter target, Supplier<Sensitive> sensitive) {
    return new PrintWriter(new RedactingWriter(target, sensitive), true);
  }

  @Override
  public synchronized void write(char[] chars, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      line.append(chars[i]);
      if (chars[i] == '\n') {
        emit();
      }
    }
  }

  private void emit() {
    if (line.length() > 0) {
      target.write(sensitive.get().redact(line.toString()));
      line.setLength(0);
    }
  }

  @Override
  public synchronized void flush() {
    emit();
    target.flush();
  }

  @Override
  public synchronized void close() {
    flush();
  }
}
