package dev.provision.backup;

import java.util.List;

/**
 * What one backup archive holds ({@code manifest.json}, its first entry): whose state it is, taken
 * with which backend image, when, and each further entry with its size and SHA-256 so a restore can
 * prove the archive is whole. Files kept in S3 are never part of a backup; {@link #s3} says so.
 *
 * @param format the manifest's own version ({@value #FORMAT})
 * @param deployment the deployment the state belongs to; a restore refuses another one
 * @param specSha256 SHA-256 of the spec file's bytes when the backup was taken
 * @param backendImage the backend image the data was written by
 * @param backendImageId the id that image resolved to, empty when unknown
 * @param database {@code sqlite}, {@code postgres-managed} or {@code postgres-external}
 * @param created when it was taken (UTC, ISO-8601)
 * @param stoppedMillis how long the backend was stopped for it
 * @param entries every other entry of the archive
 * @param s3 always {@value #S3_NOTE}
 */
public record BackupManifest(
    int format,
    String deployment,
    String specSha256,
    String backendImage,
    String backendImageId,
    String database,
    String created,
    long stoppedMillis,
    List<Entry> entries,
    String s3) {
  public static final int FORMAT = 1;
  public static final String S3_NOTE =
      "not included: files kept in S3 (backend.s3) are not part of this backup";
  public static final String NAME = "manifest.json";

  public BackupManifest {
    entries = List.copyOf(entries);
  }

  /** One entry of the archive besides the manifest. */
  public record Entry(String name, long size, String sha256) {}
}
