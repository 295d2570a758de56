package io.vigie.archive.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigie.testing.S3TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The contract against a real S3 server (S3Proxy on loopback), and what is particular to S3. */
class S3FileStoreTest extends FileStoreContractTest {

    private static final AtomicInteger BUCKETS = new AtomicInteger();
    private static S3TestServer server;

    private final List<S3FileStore> opened = new ArrayList<>();

    @BeforeAll
    static void startServer() {
        server = S3TestServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @AfterEach
    void closeStores() {
        opened.forEach(S3FileStore::close);
    }

    /** A fresh bucket per test, with a prefix, so that every contract test also shows keys stay under it. */
    @Override
    FileStore store() throws IOException {
        return connect(settings(newBucket(), "vigie/archive/", true));
    }

    @Test
    void objectsLandUnderThePrefix() throws IOException {
        S3Settings settings = settings(newBucket(), "/vigie/archive", true);
        FileStore files = connect(settings);

        files.createIfAbsent(KEY, new byte[] {1});

        try (S3Client s3 = S3ClientFactory.create(settings)) {
            assertThat(s3.listObjectsV2(r -> r.bucket(settings.bucket())).contents()).extracting(S3Object::key)
                    .containsExactly("vigie/archive/" + KEY);
        }
    }

    @Test
    void aCorruptedUploadIsRefusedAndStoresNothing() throws IOException {
        S3Settings settings = settings(newBucket(), "", true);
        // The SHA-256 and MD5 are computed from the array; the interceptor then flips one byte on its way out, after
        // the request was built but before it is signed and sent, as a faulty link or buffer would.
        S3Client corrupting = S3ClientFactory.builder(settings)
                .overrideConfiguration(c -> c.addExecutionInterceptor(new FlipFirstByteOfUploads())).build();
        S3FileStore files = new S3FileStore(corrupting, settings);
        opened.add(files);
        byte[] slice = Files.readAllBytes(CT_SLICE);

        assertThatThrownBy(() -> files.createIfAbsent(KEY, slice))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("BadDigest");
        assertThat(files.exists(KEY)).isFalse();
    }

    @Test
    void withoutConditionalWritesAHeadCheckStillKeepsTheFirstFile() throws IOException {
        FileStore files = connect(settings(newBucket(), "", false));
        byte[] slice = Files.readAllBytes(CT_SLICE);

        assertThat(files.createIfAbsent(KEY, slice)).isTrue();
        assertThat(files.createIfAbsent(KEY, new byte[] {1})).isFalse();
        assertThat(read(files, KEY)).isEqualTo(slice);
    }

    @Test
    void concurrentWritersOfOneKeyCreateItOnce() throws Exception {
        FileStore files = store();
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Callable<Boolean>> tries = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                byte[] content = {(byte) i};
                tries.add(() -> files.createIfAbsent(KEY, content));
            }
            int created = 0;
            for (Future<Boolean> outcome : pool.invokeAll(tries)) {
                try {
                    created += outcome.get() ? 1 : 0;
                } catch (ExecutionException e) {
                    // 409 ConditionalRequestConflict is an allowed answer to a write racing another: nothing created
                    assertThat(e.getCause()).isInstanceOf(IOException.class);
                }
            }
            assertThat(created).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aMissingBucketOrAWrongKeyStopsConnect() {
        assertThatThrownBy(() -> S3FileStore.connect(settings("no-such-bucket", "", true)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("s3://no-such-bucket/");
        String bucket = newBucket();
        S3Settings wrongKey = new S3Settings(server.endpoint(), S3TestServer.REGION, bucket, "", true,
                S3TestServer.ACCESS_KEY, "not-the-secret", true);
        assertThatThrownBy(() -> S3FileStore.connect(wrongKey))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(bucket);
    }

    @Test
    void settingsNeverShowTheSecretKey() {
        assertThat(settings("bucket", "", true).toString()).doesNotContain(S3TestServer.SECRET_KEY);
    }

    private S3FileStore connect(S3Settings settings) throws IOException {
        S3FileStore files = S3FileStore.connect(settings);
        opened.add(files);
        return files;
    }

    private static String newBucket() {
        String bucket = "files-" + BUCKETS.incrementAndGet();
        server.createBucket(bucket);
        return bucket;
    }

    private static S3Settings settings(String bucket, String prefix, boolean conditionalWrites) {
        return new S3Settings(server.endpoint(), S3TestServer.REGION, bucket, prefix, true, S3TestServer.ACCESS_KEY,
                S3TestServer.SECRET_KEY, conditionalWrites);
    }

    private static final class FlipFirstByteOfUploads implements ExecutionInterceptor {
        @Override
        public Optional<RequestBody> modifyHttpContent(Context.ModifyHttpRequest context,
                ExecutionAttributes attributes) {
            if (!(context.request() instanceof PutObjectRequest) || context.requestBody().isEmpty()) {
                return context.requestBody();
            }
            try (InputStream in = context.requestBody().get().contentStreamProvider().newStream()) {
                byte[] bytes = in.readAllBytes();
                bytes[0] ^= 0x01;
                return Optional.of(RequestBody.fromBytes(bytes));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
