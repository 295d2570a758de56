package io.vigie.archive.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigie.testing.SharedData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The {@link FileStore} contract, run against every backend: a subclass gives a fresh, empty store per test. Keys
 * and content are what the archive writes: a real CT slice under {@code study/series/sop.dcm}.
 */
abstract class FileStoreContractTest {

    static final Path CT_SLICE = SharedData.sharedDir().resolve("data/lidc-idri/LIDC-IDRI-0001/ct/slice01.dcm");
    static final String KEY = "1.2.826.0.1.1/1.2.826.0.1.1.2/1.2.826.0.1.1.2.3.dcm";

    /** A new, empty store; the subclass cleans it up. */
    abstract FileStore store() throws IOException;

    @Test
    void aCtSliceComesBackByteForByte() throws Exception {
        FileStore files = store();
        byte[] slice = Files.readAllBytes(CT_SLICE);

        assertThat(files.exists(KEY)).isFalse();
        assertThat(files.createIfAbsent(KEY, slice)).isTrue();
        assertThat(files.exists(KEY)).isTrue();

        // Read as a stream, a buffer at a time, as WADO-RS does.
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        long length = 0;
        try (InputStream in = new DigestInputStream(files.open(KEY), sha256)) {
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) != -1; ) {
                length += n;
            }
        }
        assertThat(length).isEqualTo(slice.length);
        assertThat(HexFormat.of().formatHex(sha256.digest())).isEqualTo(ContentDigest.sha256(slice));

        // Read whole, as the detector reads a series: mapped or in memory, the same bytes, and read-only.
        java.nio.ByteBuffer whole = files.readWhole(KEY);
        assertThat(whole.isReadOnly()).isTrue();
        byte[] bytes = new byte[whole.remaining()];
        whole.get(bytes);
        assertThat(bytes).isEqualTo(slice);
    }

    @Test
    void neverOverwritesAnExistingKey() throws IOException {
        FileStore files = store();
        byte[] first = Files.readAllBytes(CT_SLICE);

        assertThat(files.createIfAbsent(KEY, first)).isTrue();
        assertThat(files.createIfAbsent(KEY, new byte[] {1, 2, 3})).isFalse();

        assertThat(read(files, KEY)).isEqualTo(first);
    }

    @Test
    void deleteRemovesTheFileAndMakesRoomForANewOne() throws IOException {
        FileStore files = store();
        files.createIfAbsent(KEY, new byte[] {1});
        files.createIfAbsent("other/file.dcm", new byte[] {9});

        files.delete(KEY);

        assertThat(files.exists(KEY)).isFalse();
        assertThat(files.exists("other/file.dcm")).isTrue();
        files.delete(KEY); // deleting what is not there is no error
        assertThat(files.createIfAbsent(KEY, new byte[] {2})).isTrue();
        assertThat(read(files, KEY)).containsExactly(2);
    }

    @Test
    void aMissingKeyIsAClearError() throws IOException {
        FileStore files = store();

        assertThat(files.exists("no/such/file.dcm")).isFalse();
        assertThatThrownBy(() -> files.open("no/such/file.dcm"))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("no/such/file.dcm");
        assertThatThrownBy(() -> files.readWhole("no/such/file.dcm"))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("no/such/file.dcm");
    }

    @Test
    void keysNeverReachOutsideTheStore() throws IOException {
        FileStore files = store();

        for (String key : new String[] {"../escape.dcm", "a/../../escape.dcm", "/absolute.dcm", ""}) {
            assertThatThrownBy(() -> files.createIfAbsent(key, new byte[] {1}))
                    .as(key).isInstanceOf(IllegalArgumentException.class);
        }
    }

    static byte[] read(FileStore files, String key) throws IOException {
        try (InputStream in = files.open(key)) {
            return in.readAllBytes();
        }
    }
}
