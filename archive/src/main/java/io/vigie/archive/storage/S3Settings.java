package io.vigie.archive.storage;

import java.net.URI;
import java.util.Objects;

/**
 * How to reach the bucket of an {@link S3FileStore}.
 *
 * @param endpoint          the server's URL for an S3-compatible server (MinIO, Ceph RGW, S3Proxy...); null for AWS
 *                          itself, whose endpoint follows from the region
 * @param region            the bucket's region; S3-compatible servers mostly accept any, conventionally us-east-1
 * @param bucket            the bucket, which must exist
 * @param prefix            a key prefix, so that one bucket can hold several stores; empty for none
 * @param pathStyle         {@code http://host/bucket/key} rather than {@code http://bucket.host/key}: what most
 *                          S3-compatible servers need
 * @param accessKey         with {@code secretKey}, fixed credentials; both null for the SDK's default provider chain
 *                          (environment, system properties, profile files, instance or container roles)
 * @param secretKey         see {@code accessKey}
 * @param conditionalWrites whether the server honours {@code If-None-Match: *} on PUT (AWS S3 since 2024, recent MinIO
 *                          and Ceph); when false, a HEAD before each PUT stands in, which leaves a race (see
 *                          {@link S3FileStore})
 */
public record S3Settings(URI endpoint, String region, String bucket, String prefix, boolean pathStyle,
        String accessKey, String secretKey, boolean conditionalWrites) {

    public S3Settings {
        Objects.requireNonNull(region, "region");
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("an S3 file store needs a bucket");
        }
        if ((accessKey == null) != (secretKey == null)) {
            throw new IllegalArgumentException("give both an access key and a secret key, or neither");
        }
        prefix = normalizedPrefix(prefix);
    }

    /** Keys are joined to the prefix with one slash, whatever slashes it was given with. */
    private static String normalizedPrefix(String prefix) {
        String trimmed = prefix == null ? "" : prefix.strip().replaceAll("^/+|/+$", "");
        return trimmed.isEmpty() ? "" : trimmed + "/";
    }

    /** Where the store's objects are, for messages; never the secret key. */
    public String location() {
        return "s3://" + bucket + "/" + prefix + (endpoint == null ? "" : " at " + endpoint);
    }

    @Override
    public String toString() {
        return "S3Settings[" + location() + ", region " + region + (pathStyle ? ", path-style" : "")
                + (accessKey == null ? ", default credentials" : ", access key " + accessKey)
                + (conditionalWrites ? "" : ", HEAD before PUT") + "]";
    }
}
