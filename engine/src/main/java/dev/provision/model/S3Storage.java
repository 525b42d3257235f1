package dev.provision.model;

/**
 * S3 (or MinIO/R2) storage: all five buckets and the region are required together, because the
 * backend silently falls back to local storage when any is missing.
 */
public record S3Storage(
    String region,
    String endpointUrl,
    String exportsBucket,
    String snapshotImportsBucket,
    String modulesBucket,
    String filesBucket,
    String searchBucket,
    Value accessKeyId,
    Value secretAccessKey) {}
