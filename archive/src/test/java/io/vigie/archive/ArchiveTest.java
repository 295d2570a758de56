package io.vigie.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigie.archive.index.ArchiveIndex;
import io.vigie.archive.storage.FileStore;
import io.vigie.archive.storage.LocalFileStore;
import io.vigie.testing.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveTest {

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
    void storesOnceAndAnswersQueries() throws IOException {
        Archive archive = new Archive(new LocalFileStore(folder), new ArchiveIndex(database.dataSource()));
        InstanceAttributes first = instance("1.2.3.100", "1.2.3.100.1", "1.2.3.100.1.1", "PSEUDO-A", "CT");
        byte[] content = "content of the first instance".getBytes(StandardCharsets.US_ASCII);

        assertThat(archive.store(first, content)).isEqualTo(StoreOutcome.STORED);
        assertThat(archive.store(first, content)).isEqualTo(StoreOutcome.ALREADY_STORED);
        assertThat(archive.store(first, "other bytes".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(StoreOutcome.CONFLICT_KEPT_FIRST);

        List<StoredInstance> stored = archive.findInstances("1.2.3.100", null, null);
        assertThat(stored).hasSize(1);
        try (InputStream in = archive.open(stored.get(0))) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
        List<StudySummary> studies = archive.findStudies(
                new StudyQuery("PSEUDO-?", LocalDate.of(2024, 1, 1), null, "CT", null, 10, 0));
        assertThat(studies).singleElement().satisfies(s -> {
            assertThat(s.studyInstanceUid()).isEqualTo("1.2.3.100");
            assertThat(s.numberOfInstances()).isEqualTo(1);
            assertThat(s.modalitiesInStudy()).containsExactly("CT");
        });
        assertThat(archive.findStudies(new StudyQuery("PSEUDO-A", null, null, "MR", null, 10, 0))).isEmpty();
        assertThat(archive.findStudies(new StudyQuery("PSEUDO%", null, null, null, null, 10, 0))).isEmpty();
    }

    @Test
    void failedIndexWriteLeavesNoFileBehind() throws IOException {
        TestDatabase other = TestDatabase.start();
        ArchiveSchema.migrate(other.dataSource());
        FileStore files = new LocalFileStore(folder);
        Archive archive = new Archive(files, new ArchiveIndex(other.dataSource()));
        InstanceAttributes attributes = instance("1.2.3.200", "1.2.3.200.1", "1.2.3.200.1.1", "PSEUDO-B", "CT");
        archive.store(instance("1.2.3.201", "1.2.3.201.1", "1.2.3.201.1.1", "PSEUDO-B", "CT"), new byte[] {1});
        other.close(); // the database goes away

        assertThatThrownBy(() -> archive.store(attributes, new byte[] {2, 3}))
                .isInstanceOf(ArchiveException.class)
                .extracting(e -> ((ArchiveException) e).reason()).isIn(ArchiveException.Reason.INDEX);
        assertThat(folder.resolve(Archive.storageKey(attributes))).doesNotExist();
        assertThat(folder.resolve("1.2.3.201/1.2.3.201.1/1.2.3.201.1.1.dcm")).exists();
    }

    @Test
    void fileStoreNeverOverwritesAndKeepsKeysInside() throws IOException {
        LocalFileStore files = new LocalFileStore(folder);
        assertThat(files.createIfAbsent("a/b.dcm", new byte[] {1})).isTrue();
        assertThat(files.createIfAbsent("a/b.dcm", new byte[] {2})).isFalse();
        assertThat(Files.readAllBytes(folder.resolve("a/b.dcm"))).containsExactly(1);
        try (var entries = Files.list(folder.resolve("a"))) {
            assertThat(entries).hasSize(1);
        }
        try (var temporary = Files.list(folder.resolve(".incoming"))) {
            assertThat(temporary).isEmpty(); // no temporary file left
        }
        assertThatThrownBy(() -> files.createIfAbsent("../escape.dcm", new byte[] {1}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void removesTheTemporaryFilesOfWritesAKilledProcessLeftAndNothingElse() throws IOException {
        Path root = folder.resolve("killed");
        new LocalFileStore(root).createIfAbsent("s/1.dcm", new byte[] {1});
        Path abandoned = Files.writeString(root.resolve(".incoming/write-123.tmp"), "half a file");

        assertThat(new LocalFileStore(root).removeAbandonedWrites()).isEqualTo(1);
        assertThat(abandoned).doesNotExist();
        assertThat(root.resolve("s/1.dcm")).hasBinaryContent(new byte[] {1});
    }

    private static InstanceAttributes instance(String study, String series, String sop, String patient,
            String modality) {
        return new InstanceAttributes(patient, patient, "O", study, LocalDate.of(2024, 5, 17), "093000", null, "1",
                "CT CHEST", series, modality, 1, "AXIAL", "1.2.840.10008.5.1.4.1.1.2", sop, 1,
                "1.2.840.10008.1.2.1");
    }
}
