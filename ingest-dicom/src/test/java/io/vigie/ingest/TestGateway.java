package io.vigie.ingest;

import io.vigie.anonymizer.DeidentificationProfile;
import io.vigie.anonymizer.Deidentifier;
import io.vigie.anonymizer.Pseudonyms;
import io.vigie.anonymizer.SiteSecret;
import io.vigie.anonymizer.vault.VaultCipher;
import io.vigie.archive.Archive;
import io.vigie.archive.DuplicatePolicy;
import io.vigie.archive.duplicates.DuplicateConflicts;
import io.vigie.archive.ArchiveSchema;
import io.vigie.archive.index.ArchiveIndex;
import io.vigie.archive.quarantine.Quarantine;
import io.vigie.archive.storage.LocalFileStore;
import io.vigie.archive.vault.ReidentificationVault;
import io.vigie.ingest.query.MoveDestination;
import io.vigie.ingest.query.QueryRetrieveService;
import io.vigie.testing.TestDatabase;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A whole gateway for one test class: its own PostgreSQL, archive and quarantine folders, on a free port. */
final class TestGateway implements AutoCloseable {

    static final String AE_TITLE = "VIGIE";

    final TestDatabase database;
    final Archive archive;
    final DicomGateway gateway;

    private TestGateway(TestDatabase database, Archive archive, DicomGateway gateway) {
        this.database = database;
        this.archive = archive;
        this.gateway = gateway;
    }

    static TestGateway start(Path folder, List<MoveDestination> moveDestinations) throws IOException {
        TestDatabase database = TestDatabase.start();
        ArchiveSchema.migrate(database.dataSource());
        Archive archive = new Archive(new LocalFileStore(folder.resolve("archive")),
                new ArchiveIndex(database.dataSource()), new DuplicateConflicts(database.dataSource()),
                DuplicatePolicy.KEEP_FIRST);
        Quarantine quarantine = new Quarantine(new LocalFileStore(folder.resolve("quarantine")),
                database.dataSource());
        StorePipeline pipeline = new StorePipeline(
                new Deidentifier(new Pseudonyms(new SiteSecret(new byte[32]), "2.25"),
                        DeidentificationProfile.research()),
                new VaultRecorder(new VaultCipher(new byte[VaultCipher.KEY_BYTES]),
                        new ReidentificationVault(database.dataSource()), "test-site"),
                archive, quarantine, AE_TITLE);
        DicomGateway gateway = DicomGateway.start(new DicomGateway.Settings(AE_TITLE,
                InetAddress.getLoopbackAddress(), 0, 32, 65536, Duration.ofSeconds(30), 64L << 20, moveDestinations),
                pipeline, new QueryRetrieveService(archive, AE_TITLE));
        return new TestGateway(database, archive, gateway);
    }

    int port() {
        return gateway.port();
    }

    @Override
    public void close() {
        gateway.close();
        database.close();
    }
}
