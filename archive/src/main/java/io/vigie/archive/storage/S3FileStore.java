package io.vigie.archive.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A {@link FileStore} in an S3 bucket (AWS S3 or an S3-compatible server), keys under an optional prefix. It keeps
 * the local store's guarantees this way:
 * <ul>
 * <li>durable: a write returns only once S3 answered 200 to the PUT, and S3 acknowledges a PUT only once the object
 * is stored redundantly;</li>
 * <li>atomic: S3 publishes an object whole or not at all, so a reader never sees part of one;</li>
 * <li>never overwritten: the PUT carries {@code If-None-Match: *}, so the server refuses it (412) when the key
 * exists, in one step. For servers without conditional writes, a HEAD before the PUT stands in: two writers of the
 * same key between one's HEAD and its PUT both write, and the later object wins. The archive only races that way
 * when two gateways receive the same instance at the same moment; both then write the same de-identified bytes, and
 * its index keeps one row either way;</li>
 * <li>intact: the PUT carries the content's SHA-256 ({@code x-amz-checksum-sha256}, which S3 keeps with the object)
 * and MD5 ({@code Content-MD5}, which every S3-compatible server checks), computed here before sending; the server
 * refuses an upload whose bytes do not match (400 BadDigest), and nothing is stored.</li>
 * </ul>
 * Reads stream the object from the connection. Every SDK failure surfaces as an {@link IOException}, as a disk's
 * would.
 */
public final class S3FileStore implements FileStore, AutoCloseable {

    private static final int PRECONDITION_FAILED = 412;
    private static final int NOT_FOUND = 404;

    private final S3Client s3;
    private final S3Settings settings;

    S3FileStore(S3Client s3, S3Settings settings) {
        this.s3 = s3;
        this.settings = settings;
    }

    /**
     * A store on the bucket these settings name, checked to be reachable so that a wrong endpoint, bucket or
     * credential stops start-up rather than the first C-STORE.
     *
     * @throws IOException when the bucket cannot be reached
     */
    public static S3FileStore connect(S3Settings settings) throws IOException {
        S3FileStore store = new S3FileStore(S3ClientFactory.create(settings), settings);
        try {
            store.s3.headBucket(request -> request.bucket(settings.bucket()));
            return store;
        } catch (SdkException e) {
            store.close();
            throw new IOException("S3 bucket " + settings.location() + " cannot be reached: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean createIfAbsent(String key, byte[] content) throws IOException {
        String objectKey = objectKey(key);
        if (!settings.conditionalWrites() && exists(key)) {
            return false; // the race this leaves is described in the class comment
        }
        PutObjectRequest.Builder put = PutObjectRequest.builder()
                .bucket(settings.bucket())
                .key(objectKey)
                .contentLength((long) content.length)
                .checksumSHA256(base64Digest("SHA-256", content))
                .contentMD5(base64Digest("MD5", content));
        if (settings.conditionalWrites()) {
            put.ifNoneMatch("*");
        }
        try {
            s3.putObject(put.build(), RequestBody.fromBytes(content));
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() == PRECONDITION_FAILED) {
                return false; // the key exists: its object is left untouched
            }
            // 409 ConditionalRequestConflict (another write of this key was in flight) lands here too: the caller
            // reports a storage failure, the sender re-sends, and that try finds the key.
            throw failure("write", objectKey, e);
        } catch (SdkException e) {
            throw failure("write", objectKey, e);
        }
    }

    @Override
    public InputStream open(String key) throws IOException {
        String objectKey = objectKey(key);
        try {
            // ChecksumMode.ENABLED: the SDK checks the SHA-256 stored at write time once the stream is read through.
            return s3.getObject(request -> request.bucket(settings.bucket()).key(objectKey)
                    .checksumMode(ChecksumMode.ENABLED));
        } catch (NoSuchKeyException e) {
            throw missing(objectKey);
        } catch (S3Exception e) {
            if (e.statusCode() == NOT_FOUND) {
                throw missing(objectKey);
            }
            throw failure("read", objectKey, e);
        } catch (SdkException e) {
            throw failure("read", objectKey, e);
        }
    }

    @Override
    public boolean exists(String key) throws IOException {
        String objectKey = objectKey(key);
        try {
            s3.headObject(request -> request.bucket(settings.bucket()).key(objectKey));
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() == NOT_FOUND) {
                return false;
            }
            throw failure("look up", objectKey, e);
        } catch (SdkException e) {
            throw failure("look up", objectKey, e);
        }
    }

    @Override
    public void delete(String key) throws IOException {
        String objectKey = objectKey(key);
        try {
            s3.deleteObject(request -> request.bucket(settings.bucket()).key(objectKey)); // 204 even when absent
        } catch (SdkException e) {
            throw failure("delete", objectKey, e);
        }
    }

    @Override
    public void close() {
        s3.close();
    }

    /**
     * The object key: the prefix, then the key. A key is relative and has no empty, {@code .} or {@code ..}
     * segment, so that it never reaches outside the prefix (the local store refuses the same keys).
     */
    String objectKey(String key) {
        if (key == null || key.isEmpty() || key.startsWith("/") || key.contains("\\")) {
            throw new IllegalArgumentException("storage key outside the store: " + key);
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("storage key outside the store: " + key);
            }
        }
        return settings.prefix() + key;
    }

    private NoSuchFileException missing(String objectKey) {
        return new NoSuchFileException("s3://" + settings.bucket() + "/" + objectKey);
    }

    private IOException failure(String action, String objectKey, SdkException e) {
        String detail = e.getMessage();
        if (e instanceof S3Exception s3e && s3e.awsErrorDetails() != null) {
            detail = s3e.statusCode() + " " + s3e.awsErrorDetails().errorCode() + ": "
                    + s3e.awsErrorDetails().errorMessage();
        }
        return new IOException("cannot " + action + " s3://" + settings.bucket() + "/" + objectKey + ": " + detail, e);
    }

    private static String base64Digest(String algorithm, byte[] content) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance(algorithm).digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every JDK", e);
        }
    }
}
