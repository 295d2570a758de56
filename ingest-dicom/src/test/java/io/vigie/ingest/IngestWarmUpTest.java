package io.vigie.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigie.anonymizer.DeidentificationProfile;
import io.vigie.anonymizer.Deidentifier;
import io.vigie.anonymizer.Pseudonyms;
import io.vigie.anonymizer.SiteSecret;
import io.vigie.anonymizer.vault.VaultCipher;
import io.vigie.archive.Archive;
import io.vigie.archive.ArchiveSchema;
import io.vigie.archive.DuplicatePolicy;
import io.vigie.archive.StoredInstance;
import io.vigie.archive.duplicates.DuplicateConflicts;
import io.vigie.archive.index.ArchiveIndex;
import io.vigie.archive.quarantine.Quarantine;
import io.vigie.archive.storage.LocalFileStore;
import io.vigie.archive.vault.ReidentificationVault;
import io.vigie.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

class IngestWarmUpTest {

    private static final List<String> WRITTEN_TABLES = List.of("patient", "study", "series", "instance",
            "quarantine", "reidentification_vault");

    @TempDir
    Path folder;

    private TestDatabase database;
    private Archive archive;
    private StorePipeline pipeline;
    private final AtomicInteger handled = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        database = TestDatabase.start();
        ArchiveSchema.migrate(database.dataSource());
        archive = new Archive(new LocalFileStore(folder.resolve("archive")), new ArchiveIndex(database.dataSource()),
                new DuplicateConflicts(database.dataSource()), DuplicatePolicy.KEEP_FIRST);
        pipeline = new StorePipeline(
                new Deidentifier(new Pseudonyms(new SiteSecret(new byte[32]), "2.25"),
                        DeidentificationProfile.research()),
                new VaultRecorder(new VaultCipher(new byte[VaultCipher.KEY_BYTES]),
                        new ReidentificationVault(database.dataSource()), "test-site"),
                archive, new Quarantine(new LocalFileStore(folder.resolve("quarantine")), database.dataSource()),
                "VIGIE", (source, bytes, result, elapsed) -> handled.incrementAndGet());
    }

    @AfterEach
    void stop() {
        database.close();
    }

    @Test
    void theWarmUpWritesNothingAnywhere() throws IOException {
        IngestWarmUp.run(pipeline, 5);

        JdbcClient jdbc = JdbcClient.create(database.dataSource());
        for (String table : WRITTEN_TABLES) {
            assertThat(jdbc.sql("select count(*) from " + table).query(Long.class).single()).as(table).isZero();
        }
        try (Stream<Path> archived = Files.walk(folder)) {
            assertThat(archived.filter(Files::isRegularFile)).isEmpty();
        }
        assertThat(handled).hasValue(0);
    }

    @Test
    void aRehearsalComputesTheFileThatStoringTheSameSliceArchives() {
        ReceivedInstance slice = IngestWarmUp.syntheticSlice(pipeline.defaultSite());
        long rehearsed = pipeline.rehearse(slice);

        StoreResult stored = pipeline.store(slice);

        assertThat(stored.status()).isEqualTo(DimseStatus.SUCCESS);
        List<StoredInstance> archived = archive.findInstances(stored.stored().studyInstanceUid(), null, null);
        assertThat(archived).singleElement().satisfies(instance -> {
            assertThat(instance.sizeBytes()).isEqualTo(rehearsed);
            assertThat(instance.sizeBytes()).isGreaterThan(512 * 512 * 2);
        });
    }

    @Test
    void aRehearsalRunsTheStorePathsChecks() {
        ReceivedInstance slice = IngestWarmUp.syntheticSlice(pipeline.defaultSite());
        ReceivedInstance announcedOtherwise = ReceivedInstance.cStore(slice.site(), slice.sender(),
                slice.sopClassUid(), slice.sopInstanceUid() + ".9", slice.transferSyntaxUid(), slice.dataSet());

        assertThatThrownBy(() -> pipeline.rehearse(announcedOtherwise))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SOPInstanceUID");
        assertThatThrownBy(() -> pipeline.rehearse(ReceivedInstance.cStore(slice.site(), slice.sender(),
                slice.sopClassUid(), slice.sopInstanceUid(), slice.transferSyntaxUid(), new byte[] {8, 0, 5})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("would not be archived");
    }
}
