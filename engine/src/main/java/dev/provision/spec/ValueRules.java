package dev.provision.spec;

import java.util.regex.Pattern;

/**
 * Checks for names handed to Postgres and S3: the managed Postgres user (a role name that goes in
 * the backend's database URL unencoded), the S3 region and bucket names (never empty, never a URL
 * or path; legacy bucket names with capitals and '_' pass), and values that are never empty when
 * written (passwords, credentials, key files). Each reports at the value and returns whether it was
 * usable.
 */
final class ValueRules {
  private static final Pattern PG_USER = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,62}");
  private static final Pattern BUCKET = Pattern.compile("[A-Za-z0-9._-]{1,255}");
  private static final Pattern REGION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

  private ValueRules() {}

  /** The managed Postgres user at {@code key}. */
  static boolean postgresUser(Fields f, String key, String user) {
    String expected =
        "a Postgres role name: letters, digits, '_', '.' and '-', starting with a letter or '_',"
            + " at most 63 characters";
    if (user.isBlank()) {
      return refuse(
          f,
          key,
          new Refusal("is empty", expected, "name the user, or remove the key to use `convex`"));
    }
    if (!PG_USER.matcher(user).matches()) {
      return refuse(
          f,
          key,
          new Refusal(
              "is not a usable Postgres user name",
              expected,
              "the name goes into the backend's database URL, so keep to these characters"));
    }
    return true;
  }

  /** The S3 region at {@code key}. */
  static boolean region(Fields f, String key, String region) {
    String expected = "a region name such as us-east-1 (auto for R2)";
    if (region.isBlank()) {
      return refuse(f, key, new Refusal("is empty", expected, "set the buckets' region"));
    }
    if (!REGION.matcher(region).matches()) {
      return refuse(
          f, key, new Refusal("is not a region name", expected, "remove spaces and punctuation"));
    }
    return true;
  }

  /** An S3 bucket name at {@code key}. */
  static boolean bucket(Fields f, String key, String bucket) {
    String expected = "a bucket name: letters, digits, '.', '-' and '_', such as my-app-files";
    if (bucket.isBlank()) {
      return refuse(f, key, new Refusal("is empty", expected, "name the bucket"));
    }
    if (!BUCKET.matcher(bucket).matches()) {
      return refuse(
          f,
          key,
          new Refusal(
              "is not a valid bucket name",
              expected,
              "write the bucket's name only, without s3:// or a path"));
    }
    return true;
  }

  /** A value at {@code key} that may be absent but, when written, is never empty or blank. */
  static boolean notBlank(Fields f, String key, String expected, String hint) {
    String text = f.string(key, null);
    if (f.has(key) && text != null && text.isBlank()) {
      return refuse(f, key, new Refusal("is empty", expected, hint));
    }
    return true;
  }

  private static boolean refuse(Fields f, String key, Refusal refusal) {
    refusal.report(f, key);
    return false;
  }
}
