package io.vigie.archive.quarantine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigie.archive.ArchiveException;
import io.vigie.archive.ArchiveSchema;
import io.vigie.archive.storage.FileStore;
import io.vigie.archive.storage.LocalFileStore;
import io.vigie.testing.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuarantineTest {

    private static final String US = "1.2.840.10008.5.1.4.1.1.6.1";
    private static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";

    private static TestDatabase database;

    @TempDir
    Path folder;

    @BeforeAll
    static void startDatabase() {
        database = TestDatabase.start();
        ArchiveSchema.migrate(database.dataSource());
    }

    @AfterAll
    static void stopDatabase() {
        database.close();
    }

    @Test
    void keepsContentOncePerReasonAndGivesItBack() throws IOException {
        Quarantine quarantine = new Quarantine(new LocalFileStore(folder), database.dataSource());
        byte[] content = bytes("an ultrasound frame with burned-in text");

        QuarantinedItem first = quarantine.keep(content, "burned-in annotation", "US_CART", US, EXPLICIT_LE);
        QuarantinedItem again = quarantine.keep(content, "burned-in annotation", "US_CART", US, EXPLICIT_LE);
        QuarantinedItem otherReason = quarantine.keep(content, "unparseable", "US_CART", US, EXPLICIT_LE);

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(otherReason.id()).isNotEqualTo(first.id());
        assertThat(first.reason()).isEqualTo("burned-in annotation");
        assertThat(first.callingAeTitle()).isEqualTo("US_CART");
        assertThat(first.sopClassUid()).isEqualTo(US);
        assertThat(first.transferSyntaxUid()).isEqualTo(EXPLICIT_LE);
        assertThat(first.sizeBytes()).isEqualTo(content.length);
        assertThat(first.receivedAt()).isNotNull();
        assertThat(quarantine.content(first.id())).hasValue(content);
        assertThat(quarantine.content(otherReason.id())).hasValue(content);
        assertThat(quarantine.content(Long.MAX_VALUE)).isEmpty();
        assertThat(folder.resolve(first.storageKey())).hasBinaryContent(content);
        assertThat(quarantine.list(1000, 0)).extracting(QuarantinedItem::id)
                .containsSubsequence(otherReason.id(), first.id()) // newest first
                .doesNotHaveDuplicates();
    }

    @Test
    void pagesNewestFirst() throws IOException {
        Quarantine quarantine = new Quarantine(new LocalFileStore(folder), database.dataSource());
        long a = quarantine.keep(bytes("page a"), "r", "AE", null, null).id();
        long b = quarantine.keep(bytes("page b"), "r", "AE", null, null).id();
        long before = quarantine.count();
        long c = quarantine.keep(bytes("page c"), "r", "AE", null, null).id();
        quarantine.keep(bytes("page c"), "r", "AE", null, null);
        assertThat(quarantine.count()).isEqualTo(before + 1);

        assertThat(quarantine.list(2, 0)).extracting(QuarantinedItem::id).containsExactly(c, b);
        assertThat(quarantine.list(2, 1)).extracting(QuarantinedItem::id).containsExactly(b, a);
    }

    @Test
    void aFileStoreFailureLeavesNoRow() {
        Quarantine quarantine = new Quarantine(new FailingFileStore(), database.dataSource());
        byte[] content = bytes("never written");

        assertThatThrownBy(() -> quarantine.keep(content, "unwritable", "AE", US, EXPLICIT_LE))
                .isInstanceOf(ArchiveException.class)
                .extracting(e -> ((ArchiveException) e).reason()).isEqualTo(ArchiveException.Reason.STORAGE);
        assertThat(quarantine.list(1000, 0)).extracting(QuarantinedItem::reason).doesNotContain("unwritable");
    }

    @Test
    void aDatabaseFailureIsReportedAfterTheFileIsDurable() throws IOException {
        TestDatabase other = TestDatabase.start();
        ArchiveSchema.migrate(other.dataSource());
        Quarantine quarantine = new Quarantine(new LocalFileStore(folder), other.dataSource());
        other.close();
        byte[] content = bytes("database gone");

        assertThatThrownBy(() -> quarantine.keep(content, "r", "AE", US, EXPLICIT_LE))
                .isInstanceOf(ArchiveException.class)
                .extracting(e -> ((ArchiveException) e).reason()).isEqualTo(ArchiveException.Reason.INDEX);
        try (var files = Files.walk(folder)) {
            List<Path> written = files.filter(Files::isRegularFile).toList();
            assertThat(written).singleElement().satisfies(f -> assertThat(f).hasBinaryContent(content));
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** A disk that refuses every write. */
    private static final class FailingFileStore implements FileStore {
        @Override
        public boolean createIfAbsent(String key, byte[] content) throws IOException {
            throw new IOException("No space left on device");
        }

        @Override
        public InputStream open(String key) throws IOException {
            throw new IOException("nothing here");
        }

        @Override
        public boolean exists(String key) throws IOException {
            throw new IOException("nothing here");
        }

        @Override
        public void delete(String key) {
        }
    }
}
