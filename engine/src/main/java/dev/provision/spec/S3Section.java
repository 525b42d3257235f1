package dev.provision.spec;

import dev.provision.model.S3Storage;
import dev.provision.model.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code backend.storage.s3:}. The region and all five buckets are required together: with
 * only some set, the backend silently falls back to local storage, so such a spec is refused.
 * Credentials are optional (a host role) but go in pairs and are always sensitive.
 */
final class S3Section {
  private static final List<String> BUCKETS =
      List.of("exports", "snapshotImports", "modules", "files", "search");

  private S3Section() {}

  /** The storage, or null when {@code s3} is absent or incomplete (reported). */
  static S3Storage read(Fields s3) {
    if (!s3.present()) {
      return null;
    }
    Fields buckets = s3.child("buckets");
    List<String> missing = new ArrayList<>();
    if (!s3.has("region")) {
      missing.add("`region`");
    }
    for (String bucket : BUCKETS) {
      if (!buckets.has(bucket)) {
        missing.add("`buckets." + bucket + "`");
      }
    }
    if (!missing.isEmpty()) {
      s3.add(
          dev.provision.diag.Diagnostic.error(s3.where(), s3.path(), "S3 storage is incomplete")
              .withExpected(
                  "`region` and the five buckets `exports`, `snapshotImports`, `modules`,"
                      + " `files`, `search`")
              .withFound("missing " + String.join(", ", missing))
              .withHint(
                  "set all six, or remove `backend.storage.s3`: with only some of them the"
                      + " backend silently falls back to local storage"));
    }
    String region = s3.string("region", null);
    if (s3.has("region") && region != null) {
      ValueRules.region(s3, "region", region);
    }
    for (String bucket : BUCKETS) {
      String name = buckets.string(bucket, null);
      if (buckets.has(bucket) && name != null) {
        ValueRules.bucket(buckets, bucket, name);
      }
    }
    if (s3.has("endpointUrl")) {
      String url = s3.string("endpointUrl", null);
      String problem = url == null ? null : Urls.originProblem(url);
      if (problem != null) {
        s3.add(
            s3.error("endpointUrl", "`" + s3.path("endpointUrl") + "` " + problem)
                .withExpected("an http(s) URL such as https://minio.example.com")
                .withFound(s3.shown("endpointUrl")));
      }
    }
    if (s3.has("accessKeyId") != s3.has("secretAccessKey")) {
      String given = s3.has("accessKeyId") ? "accessKeyId" : "secretAccessKey";
      s3.add(
          s3.error(given, "S3 credentials need both `accessKeyId` and `secretAccessKey`")
              .withHint("give both, or neither to use the host's role"));
    }
    for (String key : List.of("accessKeyId", "secretAccessKey")) {
      ValueRules.notBlank(
          s3, key, "the S3 credential", "give both credentials, or neither to use the host's role");
    }
    LiteralSecrets.check(s3, "secretAccessKey");
    if (!missing.isEmpty()) {
      return null;
    }
    return new S3Storage(
        s3.string("region", ""),
        s3.string("endpointUrl", null),
        buckets.string("exports", ""),
        buckets.string("snapshotImports", ""),
        buckets.string("modules", ""),
        buckets.string("files", ""),
        buckets.string("search", ""),
        secret(s3, "accessKeyId"),
        secret(s3, "secretAccessKey"));
  }

  private static Value secret(Fields f, String key) {
    return f.value(key, true);
  }
}
