package io.vigie.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.anonymizer.Deidentifier;
import io.vigie.anonymizer.Pseudonyms;
import io.vigie.anonymizer.SiteSecret;
import io.vigie.archive.Archive;
import io.vigie.archive.ArchiveSchema;
import io.vigie.archive.StudyQuery;
import io.vigie.archive.index.ArchiveIndex;
import io.vigie.archive.storage.LocalFileStore;
import io.vigie.testing.BrokenDicom;
import io.vigie.testing.Dcmtk;
import io.vigie.testing.RawStoreScu;
import io.vigie.testing.SharedData;
import io.vigie.testing.TestDatabase;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway against dcmtk's storescu and echoscu, real processes over loopback TCP. */
class DicomGatewayTest {

    private static final List<Path> SLICES = SharedData.lidcSlices("LIDC-IDRI-0001");
    private static final String CT = "1.2.840.10008.5.1.4.1.1.2";

    @TempDir
    static Path storage;

    private static TestDatabase database;
    private static Archive archive;
    private static DicomGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        database = TestDatabase.start();
        ArchiveSchema.migrate(database.dataSource());
        archive = new Archive(new LocalFileStore(storage), new ArchiveIndex(database.dataSource()));
        Deidentifier deidentifier = new Deidentifier(new Pseudonyms(new SiteSecret(new byte[32]), "2.25"));
        gateway = DicomGateway.start(new DicomGateway.Settings("VIGIE", InetAddress.getLoopbackAddress(), 0, 8,
                65536), new StorePipeline(deidentifier, archive, "VIGIE"));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        database.close();
    }

    @Test
    void storesEverySliceOnceEvenWhenSentTwice() throws Exception {
        Dcmtk.Result first = Dcmtk.storescu("PACS", "VIGIE", gateway.port(), SLICES);
        assertThat(first.succeeded()).as(first.output()).isTrue();
        Dcmtk.Result again = Dcmtk.storescu("PACS", "VIGIE", gateway.port(), SLICES);
        assertThat(again.succeeded()).as(again.output()).isTrue();

        assertThat(archive.findStudies(StudyQuery.all())).singleElement()
                .satisfies(study -> assertThat(study.numberOfInstances()).isEqualTo(SLICES.size()));
        assertThat(storedFiles()).hasSize(SLICES.size());
    }

    @Test
    void answersEcho() {
        Dcmtk.Result echo = Dcmtk.echoscu("PACS", "VIGIE", gateway.port());
        assertThat(echo.succeeded()).as(echo.output()).isTrue();
    }

    @Test
    void rejectsAnAssociationCallingAnotherAeTitle() {
        Dcmtk.Result wrong = Dcmtk.storescu("PACS", "NOT-VIGIE", gateway.port(), SLICES.subList(0, 1));
        assertThat(wrong.succeeded()).isFalse();
        assertThat(wrong.output()).containsIgnoringCase("rejected");
    }

    @Test
    void brokenDataSetsGetAFailureStatusAndChangeNothing() throws Exception {
        Path slice = SLICES.get(3);
        long filesBefore = storedFiles().size();
        String sop = "1.2.826.0.1.3680043.2.1125.999.1";

        RawStoreScu.Response truncated = RawStoreScu.store(gateway.port(), "VIGIE", CT, sop,
                BrokenDicom.truncated(slice));
        RawStoreScu.Response pastEnd = RawStoreScu.store(gateway.port(), "VIGIE", CT, sop,
                BrokenDicom.elementLengthPastEnd(slice));

        assertThat(truncated.status()).isEqualTo(0xC000);
        assertThat(truncated.errorComment()).contains("truncated");
        assertThat(pastEnd.status()).isEqualTo(0xC000);
        assertThat(storedFiles()).hasSize((int) filesBefore);
    }

    @Test
    void refusesADataSetThatIsNotTheAnnouncedInstance() throws Exception {
        RawStoreScu.Response response = RawStoreScu.store(gateway.port(), "VIGIE", CT,
                "1.2.826.0.1.3680043.2.1125.999.2", BrokenDicom.dataSet(SLICES.get(0)));
        assertThat(response.status()).isEqualTo(0xC000);
        assertThat(response.errorComment()).contains("SOPInstanceUID");
    }

    private static List<Path> storedFiles() throws Exception {
        try (Stream<Path> files = Files.walk(storage)) {
            return files.filter(f -> f.toString().endsWith(".dcm")).toList();
        }
    }
}
