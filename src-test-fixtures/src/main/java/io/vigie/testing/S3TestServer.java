package io.vigie.testing;

import java.net.URI;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/**
 * A real S3 server (S3Proxy, in this process) on a random loopback port, objects in memory, requests checked for
 * AWS Signature V4 with {@link #ACCESS_KEY} and {@link #SECRET_KEY}. Modules that use it add {@code org.gaul:s3proxy}
 * to their test dependencies.
 */
public final class S3TestServer implements AutoCloseable {

    public static final String ACCESS_KEY = "vigie-test";
    public static final String SECRET_KEY = "vigie-test-secret";
    public static final String REGION = "us-east-1";

    private final S3Proxy proxy;
    private final BlobStore blobs;

    private S3TestServer(S3Proxy proxy, BlobStore blobs) {
        this.proxy = proxy;
        this.blobs = blobs;
    }

    public static S3TestServer start() {
        BlobStore blobs = new TransientNio2BlobStore();
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(blobs)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        try {
            proxy.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start S3Proxy", e);
        }
        return new S3TestServer(proxy, blobs);
    }

    /** Where the server listens: {@code http://127.0.0.1:<port>}; buckets are addressed path-style. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    public void createBucket(String bucket) {
        blobs.createContainer(bucket);
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop S3Proxy", e);
        }
    }
}
