package dev.provision.exec;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provision.diag.ProvisionException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The record of one apply on disk: a JSON-lines file, one {@link JournalEntry} per line, each line
 * written and forced to disk before the call returns, so that after a crash the file shows which
 * step was running and what had completed. The executor writes an entry before and after every
 * step, undo and commit hook. Thread-safe.
 */
public final class Journal implements AutoCloseable {
  public static final String APPLY_STARTED = "apply-started";
  public static final String STEP_STARTED = "step-started";
  public static final String STEP_SUCCEEDED = "step-succeeded";
  public static final String STEP_FAILED = "step-failed";
  public static final String STEP_SKIPPED = "step-skipped";
  public static final String UNDO_STARTED = "undo-started";
  public static final String UNDO_SUCCEEDED = "undo-succeeded";
  public static final String UNDO_FAILED = "undo-failed";
  public static final String UNDO_UNAVAILABLE = "undo-unavailable";
  public static final String UNDO_NOT_NEEDED = "undo-not-needed";
  public static final String UNDO_ABANDONED = "undo-abandoned";
  public static final String STOP_REQUESTED = "stop-requested";
  public static final String COMMIT_STARTED = "commit-started";
  public static final String COMMIT_SUCCEEDED = "commit-succeeded";
  public static final String COMMIT_FAILED = "commit-failed";
  public static final String APPLY_FINISHED = "apply-finished";

  /** The folder, next to the spec, that holds provision's own files (journals, secrets). */
  public static final String PRIVATE_FOLDER = ".provision";

  /** The folder inside {@link #PRIVATE_FOLDER} that holds the journals. */
  public static final String JOURNAL_FOLDER = "journal";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final boolean POSIX =
      java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final Path file;
  private final String deployment;
  private final Clock clock;
  private final Redactor redactor;
  private final FileChannel channel;

  private Journal(Path file, String deployment, Clock clock, Redactor redactor) throws IOException {
    this.file = file;
    this.deployment = deployment;
    this.clock = clock;
    this.redactor = redactor;
    this.channel =
        POSIX
            ? FileChannel.open(
                file,
                java.util.Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
            : FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
  }

  /**
   * Starts a new journal at {@code BASE/.provision/journal/DEPLOYMENT-TIMESTAMP.jsonl}, creating
   * the folders. The timestamp is UTC with milliseconds; an existing file is never overwritten.
   */
  public static Journal create(Path baseDir, String deployment, Clock clock, Redactor redactor) {
    Path dir = baseDir.resolve(PRIVATE_FOLDER).resolve(JOURNAL_FOLDER);
    String stamp = STAMP.format(clock.instant());
    try {
      if (POSIX) {
        // Created private in one step: a journal names the deployment's steps and resources.
        Files.createDirectories(
            dir,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } else {
        Files.createDirectories(dir);
      }
      Path file = dir.resolve(deployment + "-" + stamp + ".jsonl");
      for (int n = 2; Files.exists(file); n++) {
        file = dir.resolve(deployment + "-" + stamp + "-" + n + ".jsonl");
      }
      return new Journal(file, deployment, clock, redactor);
    } catch (IOException e) {
      throw ProvisionException.of(
          "cannot create the journal in " + dir + ": " + e.getMessage(),
          "Make that folder writable (or run from a folder that is): every apply is journaled.");
    }
  }

  public Path file() {
    return file;
  }

  /** Appends one entry and forces it to disk. {@code error} may be null. */
  public synchronized void record(String step, String event, String detail, Throwable error) {
    JournalEntry entry =
        new JournalEntry(
            Instant.now(clock).toString(),
            deployment,
            step,
            event,
            redactor.redact(detail),
            error == null ? null : redactor.redact(Failures.describe(error)));
    try {
      byte[] line = (JSON.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8);
      ByteBuffer buffer = ByteBuffer.wrap(line);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(false);
    } catch (IOException e) {
      throw ProvisionException.of(
          "cannot write to the journal " + file + ": " + e.getMessage(),
          "Free disk space or fix the folder's permissions, then run apply again.");
    }
  }

  /**
   * Like {@link #record}, but a failure to write is swallowed and reported as false. Used while
   * undoing and committing, where stopping half-way would do more harm than a missing line.
   */
  public boolean recordIfPossible(String step, String event, String detail, Throwable error) {
    try {
      record(step, event, detail, error);
      return true;
    } catch (ProvisionException e) {
      return false;
    }
  }

  /** Reads a journal back, one entry per line. */
  public static List<JournalEntry> read(Path file) {
    try {
      List<JournalEntry> entries = new ArrayList<>();
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          entries.add(JSON.readValue(line, JournalEntry.class));
        }
      }
      return entries;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the journal " + file, e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the journal " + file, e);
    }
  }
}
