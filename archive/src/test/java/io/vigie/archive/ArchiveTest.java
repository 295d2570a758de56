package io.vigie.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigie.archive.duplicates.DuplicateConflict;
import io.vigie.archive.duplicates.DuplicateConflicts;
import io.vigie.archive.index.ArchiveIndex;
import io.vigie.archive.storage.FileStore;
import io.vigie.archive.storage.LocalFileStore;
import io.vigie.testing.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

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
        Archive archive = archive(new LocalFileStore(folder), database.dataSource(), DuplicatePolicy.KEEP_FIRST);
        InstanceAttributes first = instance("1.2.3.100", "1.2.3.100.1", "1.2.3.100.1.1", "PSEUDO-A", "CT");
        byte[] content = "content of the first instance".getBytes(StandardCharsets.US_ASCII);

        assertThat(archive.store(first, content, "PACS")).isEqualTo(StoreOutcome.STORED);
        assertThat(archive.store(first, content, "PACS")).isEqualTo(StoreOutcome.ALREADY_STORED);

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
    void keepFirstAnswersSuccessKeepsTheStoredFileAndRecordsEachConflictingContentOnce() throws IOException {
        Archive archive = archive(new LocalFileStore(folder), database.dataSource(), DuplicatePolicy.KEEP_FIRST);
        InstanceAttributes attributes = instance("1.2.3.300", "1.2.3.300.1", "1.2.3.300.1.1", "PSEUDO-C", "CT");
        byte[] first = "the first content".getBytes(StandardCharsets.US_ASCII);
        byte[] other = "another content".getBytes(StandardCharsets.US_ASCII);
        archive.store(attributes, first, "PACS");

        assertThat(archive.store(attributes, other, "PACS")).isEqualTo(StoreOutcome.CONFLICT_KEPT_FIRST);
        assertThat(archive.store(attributes, other, "OTHER_PACS")).isEqualTo(StoreOutcome.CONFLICT_KEPT_FIRST);

        try (InputStream in = archive.open(archive.findInstances("1.2.3.300", null, null).get(0))) {
            assertThat(in.readAllBytes()).isEqualTo(first);
        }
        assertThat(conflictsFor("1.2.3.300.1.1")).singleElement().satisfies(c -> {
            assertThat(c.storedSha256()).isEqualTo(Archive.sha256(first));
            assertThat(c.receivedSha256()).isEqualTo(Archive.sha256(other));
            assertThat(c.receivedSizeBytes()).isEqualTo(other.length);
            assertThat(c.seriesInstanceUid()).isEqualTo("1.2.3.300.1");
            assertThat(c.callingAeTitle()).isEqualTo("OTHER_PACS");
            assertThat(c.action()).isEqualTo("kept_first");
            assertThat(c.occurrences()).isEqualTo(2);
        });
        assertThat(archive.store(attributes, first, "PACS")).isEqualTo(StoreOutcome.ALREADY_STORED);
        assertThat(conflictsFor("1.2.3.300.1.1")).hasSize(1);
    }

    @Test
    void rejectRefusesOtherContentAndKeepsTheStoredFile() throws IOException {
        Archive archive = archive(new LocalFileStore(folder), database.dataSource(), DuplicatePolicy.REJECT);
        InstanceAttributes attributes = instance("1.2.3.400", "1.2.3.400.1", "1.2.3.400.1.1", "PSEUDO-D", "CT");
        byte[] first = "the first content".getBytes(StandardCharsets.US_ASCII);
        archive.store(attributes, first, "PACS");

        assertThat(archive.store(attributes, first, "PACS")).isEqualTo(StoreOutcome.ALREADY_STORED);
        assertThat(archive.store(attributes, new byte[] {9}, "PACS")).isEqualTo(StoreOutcome.CONFLICT_REJECTED);
        assertThat(archive.store(attributes, new byte[] {8}, "PACS")).isEqualTo(StoreOutcome.CONFLICT_REJECTED);

        try (InputStream in = archive.open(archive.findInstances("1.2.3.400", null, null).get(0))) {
            assertThat(in.readAllBytes()).isEqualTo(first);
        }
        assertThat(conflictsFor("1.2.3.400.1.1")).hasSize(2)
                .allSatisfy(c -> assertThat(c.action()).isEqualTo("rejected"));
    }

    @Test
    void failedIndexWriteLeavesNoFileBehind() throws IOException {
        TestDatabase other = TestDatabase.start();
        ArchiveSchema.migrate(other.dataSource());
        FileStore files = new LocalFileStore(folder);
        Archive archive = archive(files, other.dataSource(), DuplicatePolicy.KEEP_FIRST);
        InstanceAttributes attributes = instance("1.2.3.200", "1.2.3.200.1", "1.2.3.200.1.1", "PSEUDO-B", "CT");
        archive.store(instance("1.2.3.201", "1.2.3.201.1", "1.2.3.201.1.1", "PSEUDO-B", "CT"), new byte[] {1},
                "PACS");
        other.close(); // the database goes away

        assertThatThrownBy(() -> archive.store(attributes, new byte[] {2, 3}, "PACS"))
                .isInstanceOf(ArchiveException.class)
                .extracting(e -> ((ArchiveException) e).reason()).isIn(ArchiveException.Reason.INDEX);
        assertThat(folder.resolve(Archive.storageKey(attributes, Archive.sha256(new byte[] {2, 3})))).doesNotExist();
        assertThat(folder.resolve(Archive.storageKey(instance("1.2.3.201", "1.2.3.201.1", "1.2.3.201.1.1", "PSEUDO-B",
                "CT"), Archive.sha256(new byte[] {1})))).exists();
    }

    @Test
    void aConnectionLostDuringTheInsertKeepsTheFileAndItsResendIndexesIt() throws Exception {
        // One connection for the whole archive, so that the insert runs on the connection the database drops.
        SingleConnectionDataSource oneConnection = new SingleConnectionDataSource(
                database.jdbcUrl() + "&ApplicationName=lost-row", true);
        try {
            Archive archive = archive(new LocalFileStore(folder), oneConnection, DuplicatePolicy.KEEP_FIRST);
            archive.store(instance("1.2.3.600", "1.2.3.600.1", "1.2.3.600.1.1", "LOST-ROW", "CT"), new byte[] {1},
                    "PACS"); // the series is now known: the next instance of it is one statement
            InstanceAttributes second = instance("1.2.3.600", "1.2.3.600.1", "1.2.3.600.1.2", "LOST-ROW", "CT");
            byte[] content = {2, 3};
            try (Connection admin = database.dataSource().getConnection(); Statement terminate =
                    admin.createStatement()) {
                terminate.execute("select pg_terminate_backend(pid) from pg_stat_activity"
                        + " where pid <> pg_backend_pid() and application_name = 'lost-row'");
            }

            assertThatThrownBy(() -> archive.store(second, content, "PACS"))
                    .isInstanceOf(ArchiveException.class)
                    .extracting(e -> ((ArchiveException) e).reason()).isEqualTo(ArchiveException.Reason.INDEX);
            // Whether the row was committed is not known: the file it would point to stays.
            Path file = folder.resolve(Archive.storageKey(second, Archive.sha256(content)));
            assertThat(file).exists();
            assertThat(archive(new LocalFileStore(folder), database.dataSource(), DuplicatePolicy.KEEP_FIRST)
                    .findInstances("1.2.3.600", null, "1.2.3.600.1.2")).isEmpty();

            Archive restarted = archive(new LocalFileStore(folder), database.dataSource(), DuplicatePolicy.KEEP_FIRST);
            assertThat(restarted.store(second, content, "PACS")).isEqualTo(StoreOutcome.STORED);
            assertThat(restarted.findInstances("1.2.3.600", null, "1.2.3.600.1.2")).singleElement()
                    .satisfies(row -> assertThat(folder.resolve(row.storageKey())).isEqualTo(file));
        } finally {
            oneConnection.destroy();
        }
    }

    @Test
    void aResentInstanceIsAnsweredSuccessWhileTheStoreCannotWrite() throws IOException {
        LocalFileStore disk = new LocalFileStore(folder);
        InstanceAttributes stored = instance("1.2.3.700", "1.2.3.700.1", "1.2.3.700.1.1", "RESENT", "CT");
        InstanceAttributes fresh = instance("1.2.3.700", "1.2.3.700.1", "1.2.3.700.1.2", "RESENT", "CT");
        byte[] content = "resent content".getBytes(StandardCharsets.US_ASCII);
        archive(disk, database.dataSource(), DuplicatePolicy.KEEP_FIRST).store(stored, content, "PACS");

        Archive full = archive(new FullDisk(disk), database.dataSource(), DuplicatePolicy.KEEP_FIRST);
        assertThat(full.store(stored, content, "PACS")).isEqualTo(StoreOutcome.ALREADY_STORED);
        assertThatThrownBy(() -> full.store(fresh, content, "PACS"))
                .isInstanceOf(ArchiveException.class)
                .extracting(e -> ((ArchiveException) e).reason()).isEqualTo(ArchiveException.Reason.STORAGE);
        assertThat(full.findInstances("1.2.3.700", null, null)).extracting(StoredInstance::sopInstanceUid)
                .containsExactly("1.2.3.700.1.1");
    }

    /** A disk with no space left: what exists can be read, nothing can be written. */
    private record FullDisk(LocalFileStore disk) implements FileStore {
        @Override
        public boolean createIfAbsent(String key, byte[] content) throws IOException {
            if (disk.exists(key)) {
                return false;
            }
            throw new IOException("No space left on device");
        }

        @Override
        public InputStream open(String key) throws IOException {
            return disk.open(key);
        }

        @Override
        public boolean exists(String key) {
            return disk.exists(key);
        }

        @Override
        public void delete(String key) throws IOException {
            disk.delete(key);
        }
    }

    @Test
    void oneSopInstanceSentWithTwoContentsAtOnceKeepsOneFileMatchingItsRow() throws Exception {
        Archive archive = archive(new LocalFileStore(folder), database.dataSource(), DuplicatePolicy.KEEP_FIRST);
        ExecutorService senders = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < 40; i++) {
                InstanceAttributes attributes = instance("1.2.3.500", "1.2.3.500.1", "1.2.3.500.1." + i, "RACING",
                        "CT");
                CyclicBarrier start = new CyclicBarrier(2);
                List<Future<StoreOutcome>> outcomes = new ArrayList<>();
                for (String content : List.of("content A of " + i, "content B of " + i)) {
                    outcomes.add(senders.submit(() -> {
                        start.await();
                        return archive.store(attributes, content.getBytes(StandardCharsets.US_ASCII), "PACS");
                    }));
                }
                List<StoreOutcome> answered = new ArrayList<>();
                for (Future<StoreOutcome> outcome : outcomes) {
                    answered.add(outcome.get());
                }
                assertThat(answered).containsExactlyInAnyOrder(StoreOutcome.STORED, StoreOutcome.CONFLICT_KEPT_FIRST);
                StoredInstance stored = archive.findInstances("1.2.3.500", null, "1.2.3.500.1." + i).get(0);
                try (InputStream in = archive.open(stored)) {
                    assertThat(Archive.sha256(in.readAllBytes())).as("file of the indexed row")
                            .isEqualTo(stored.sha256());
                }
            }
        } finally {
            senders.shutdownNow();
        }
        try (Stream<Path> files = Files.list(folder.resolve("1.2.3.500/1.2.3.500.1"))) {
            assertThat(files.count()).as("one file per instance, the losers' removed").isEqualTo(40);
        }
    }

    private static Archive archive(FileStore files, DataSource dataSource, DuplicatePolicy policy) {
        return new Archive(files, new ArchiveIndex(dataSource), new DuplicateConflicts(dataSource), policy);
    }

    private static List<DuplicateConflict> conflictsFor(String sopInstanceUid) {
        return new DuplicateConflicts(database.dataSource()).list(1000, 0).stream()
                .filter(c -> c.sopInstanceUid().equals(sopInstanceUid)).toList();
    }

    private static InstanceAttributes instance(String study, String series, String sop, String patient,
            String modality) {
        return new InstanceAttributes(patient, patient, "O", study, LocalDate.of(2024, 5, 17), "093000", null, "1",
                "CT CHEST", series, modality, 1, "AXIAL", "1.2.840.10008.5.1.4.1.1.2", sop, 1,
                "1.2.840.10008.1.2.1");
    }
}
