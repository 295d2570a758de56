package io.vigie.archive;

import io.vigie.archive.duplicates.DuplicateConflicts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigie.archive.index.ArchiveIndex;
import io.vigie.archive.storage.S3FileStore;
import io.vigie.archive.storage.S3Settings;
import io.vigie.testing.S3TestServer;
import io.vigie.testing.SharedData;
import io.vigie.testing.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The archive with its files in S3 (S3Proxy on loopback) and its index in a real PostgreSQL. */
class ArchiveOnS3Test {

    private static TestDatabase database;
    private static S3TestServer server;
    private static S3FileStore files;

    @BeforeAll
    static void start() throws IOException {
        database = TestDatabase.start();
        ArchiveSchema.migrate(database.dataSource());
        server = S3TestServer.start();
        server.createBucket("archive");
        files = S3FileStore.connect(new S3Settings(server.endpoint(), S3TestServer.REGION, "archive", "instances",
                true, S3TestServer.ACCESS_KEY, S3TestServer.SECRET_KEY, true));
    }

    @AfterAll
    static void stop() {
        files.close();
        server.close();
        database.close();
    }

    @Test
    void storesAndReadsACtSlice() throws IOException {
        Archive archive = new Archive(files, new ArchiveIndex(database.dataSource()),
                new DuplicateConflicts(database.dataSource()), DuplicatePolicy.KEEP_FIRST);
        byte[] slice = Files.readAllBytes(SharedData.sharedDir()
                .resolve("data/lidc-idri/LIDC-IDRI-0001/ct/slice01.dcm"));
        InstanceAttributes attributes = instance("2.25.100", "2.25.100.1", "2.25.100.1.1");

        assertThat(archive.store(attributes, slice, "TEST")).isEqualTo(StoreOutcome.STORED);
        assertThat(archive.store(attributes, slice, "TEST")).isEqualTo(StoreOutcome.ALREADY_STORED);

        List<StoredInstance> stored = archive.findInstances("2.25.100", null, null);
        assertThat(stored).singleElement().satisfies(s -> {
            assertThat(s.storageKey()).isEqualTo("2.25.100/2.25.100.1/2.25.100.1.1-"
                    + Archive.sha256(slice).substring(0, 16) + ".dcm");
            assertThat(s.sha256()).isEqualTo(Archive.sha256(slice));
        });
        try (InputStream in = archive.open(stored.get(0))) {
            assertThat(in.readAllBytes()).isEqualTo(slice);
        }
    }

    @Test
    void aFailedIndexInsertRemovesTheObjectItFollows() throws IOException {
        Archive archive = new Archive(files, new ArchiveIndex(database.dataSource()),
                new DuplicateConflicts(database.dataSource()), DuplicatePolicy.KEEP_FIRST);
        InstanceAttributes attributes = instance("2.25.200", "2.25.200.1", "2.25.200.1.1");
        // The look-up works, the file is written, then PostgreSQL refuses the instance row.
        JdbcClient.create(database.dataSource()).sql("""
                create function refuse_instance() returns trigger language plpgsql as $$
                begin raise exception 'refused %', new.sop_instance_uid; end $$;
                create trigger refuse_instance before insert on instance for each row
                    when (new.sop_instance_uid = '2.25.200.1.1') execute function refuse_instance();
                """).update();

        assertThatThrownBy(() -> archive.store(attributes, new byte[] {2, 3}, "TEST"))
                .isInstanceOf(ArchiveException.class)
                .extracting(e -> ((ArchiveException) e).reason()).isEqualTo(ArchiveException.Reason.INDEX);
        assertThat(files.exists(Archive.storageKey(attributes, Archive.sha256(new byte[] {2, 3})))).isFalse();
    }

    private static InstanceAttributes instance(String study, String series, String sop) {
        return new InstanceAttributes("PSEUDO-S3", "PSEUDO-S3", "O", study, LocalDate.of(2024, 5, 17), "093000", null,
                "1", "CT CHEST", series, "CT", 1, "AXIAL", "1.2.840.10008.5.1.4.1.1.2", sop, 1,
                "1.2.840.10008.1.2.1");
    }
}
