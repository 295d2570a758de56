package io.vigie.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.anonymizer.DeidentificationProfile;
import io.vigie.anonymizer.Deidentified;
import io.vigie.anonymizer.Deidentifier;
import io.vigie.anonymizer.Pseudonyms;
import io.vigie.anonymizer.SiteSecret;
import io.vigie.anonymizer.vault.VaultCipher;
import io.vigie.archive.Archive;
import io.vigie.archive.ArchiveSchema;
import io.vigie.archive.DuplicatePolicy;
import io.vigie.archive.StudyQuery;
import io.vigie.archive.StudySummary;
import io.vigie.archive.duplicates.DuplicateConflict;
import io.vigie.archive.duplicates.DuplicateConflicts;
import io.vigie.archive.index.ArchiveIndex;
import io.vigie.archive.quarantine.Quarantine;
import io.vigie.archive.quarantine.QuarantinedItem;
import io.vigie.archive.storage.FileStore;
import io.vigie.archive.storage.LocalFileStore;
import io.vigie.archive.vault.ReidentificationVault;
import io.vigie.dicom.DicomInstance;
import io.vigie.ingest.query.QueryRetrieveService;
import io.vigie.testing.BrokenDicom;
import io.vigie.testing.Dcmtk;
import io.vigie.testing.RawStoreScu;
import io.vigie.testing.SharedData;
import io.vigie.testing.SyntheticUltrasound;
import io.vigie.testing.TestDatabase;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway against dcmtk's storescu and echoscu, real processes over loopback TCP. */
class DicomGatewayTest {

    private static final List<Path> SLICES = SharedData.lidcSlices("LIDC-IDRI-0001");
    private static final String CT = "1.2.840.10008.5.1.4.1.1.2";
    private static final String SITE = "test-site";
    private static final Pseudonyms PSEUDONYMS = new Pseudonyms(new SiteSecret(new byte[32]), "2.25");
    private static final VaultCipher CIPHER = new VaultCipher(new byte[VaultCipher.KEY_BYTES]);

    @TempDir
    static Path storage;

    @TempDir
    static Path quarantineFiles;

    private static TestDatabase database;
    private static Archive archive;
    private static Quarantine quarantine;
    private static ReidentificationVault vault;
    private static DicomGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        database = TestDatabase.start();
        ArchiveSchema.migrate(database.dataSource());
        archive = archive(DuplicatePolicy.KEEP_FIRST);
        quarantine = new Quarantine(new LocalFileStore(quarantineFiles), database.dataSource());
        vault = new ReidentificationVault(database.dataSource());
        Deidentifier deidentifier = new Deidentifier(PSEUDONYMS, DeidentificationProfile.research());
        StorePipeline pipeline = new StorePipeline(deidentifier, new VaultRecorder(CIPHER, vault, SITE), archive,
                quarantine, "VIGIE");
        // PixelMed keeps each association's slot about 5 s after its release (it waits for the peer to close the
        // connection), so this class's many short associations need more than a handful of slots.
        gateway = DicomGateway.start(new DicomGateway.Settings("VIGIE", InetAddress.getLoopbackAddress(), 0, 32,
                65536, Duration.ofSeconds(30), 64L << 20), pipeline, new QueryRetrieveService(archive, "VIGIE"));
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

        List<StudySummary> lidc = archive.findStudies(StudyQuery.all()).stream()
                .filter(study -> study.numberOfInstances() > 2).toList();
        assertThat(lidc).singleElement()
                .satisfies(study -> assertThat(study.numberOfInstances()).isEqualTo(SLICES.size()));
        try (Stream<Path> files = Files.walk(storage.resolve(lidc.get(0).studyInstanceUid()))) {
            assertThat(files.filter(f -> f.toString().endsWith(".dcm"))).hasSize(SLICES.size());
        }
        // De-identification gives the same bytes for the same input: an identical re-send is no conflict.
        assertThat(new DuplicateConflicts(database.dataSource()).list(1000, 0))
                .noneMatch(c -> "PACS".equals(c.callingAeTitle()));
    }

    @Test
    void answersAnInstanceWithAnArchivedUidAndOtherContentAsTheDuplicatePolicySays() throws Exception {
        Path slice = SLICES.get(7);
        String sop;
        try (InputStream in = Files.newInputStream(slice)) {
            sop = DicomInstance.readPart10(in).string("SOPInstanceUID");
        }
        byte[] dataSet = BrokenDicom.dataSet(slice);
        byte[] otherPixels = dataSet.clone();
        otherPixels[otherPixels.length - 1] ^= 0x01; // the last byte of Pixel Data: same UIDs, other content
        StorePipeline keepFirst = pipeline(archive(DuplicatePolicy.KEEP_FIRST));
        StorePipeline reject = pipeline(archive(DuplicatePolicy.REJECT));
        assertThat(keepFirst.store(received(sop, dataSet)).status().isSuccess()).isTrue();

        StoreResult keptFirst = keepFirst.store(received(sop, otherPixels));
        assertThat(keptFirst.status()).isEqualTo(DimseStatus.SUCCESS);
        assertThat(keptFirst.outcome()).isEqualTo(StoreResult.Outcome.DUPLICATE);
        StoreResult rejectedResult = reject.store(received(sop, otherPixels));
        DimseStatus rejected = rejectedResult.status();
        assertThat(reject.store(received(sop, dataSet)).status())
                .isEqualTo(DimseStatus.SUCCESS); // the archived content

        assertThat(rejectedResult.outcome()).isEqualTo(StoreResult.Outcome.FAILED);
        assertThat(rejectedResult.reason()).isEqualTo(StoreResult.Reason.DUPLICATE_REJECTED);
        assertThat(rejectedResult.inArchive()).isFalse();

        assertThat(rejected.code()).isEqualTo(0xC001);
        assertThat(rejected.comment()).contains("already archived with other content");
        DuplicateConflict conflict = new DuplicateConflicts(database.dataSource()).list(1000, 0).stream()
                .filter(c -> c.callingAeTitle().equals("PACS_7")).findFirst().orElseThrow();
        assertThat(conflict.occurrences()).isEqualTo(2);
        assertThat(conflict.action()).isEqualTo("rejected");
        assertThat(conflict.sopInstanceUid()).isNotEqualTo(sop); // the de-identified UID

        // Through the other door the same: a STOW-RS part with other content fails with C001, nothing archived.
        byte[] otherFile = Files.readAllBytes(slice);
        otherFile[otherFile.length - 1] ^= 0x01;
        StoreResult stowRejected = reject.storePart10(ReceivedInstance.Source.STOW, SITE, "dev-radiologist",
                otherFile, null);
        assertThat(stowRejected.outcome()).isEqualTo(StoreResult.Outcome.FAILED);
        assertThat(stowRejected.reason()).isEqualTo(StoreResult.Reason.DUPLICATE_REJECTED);
        assertThat(stowRejected.status().code()).isEqualTo(0xC001);
        assertThat(stowRejected.sopInstanceUid()).isEqualTo(sop);
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
        assertThat(truncated.errorComment()).startsWith("quarantined #").contains("truncated");
        assertThat(pastEnd.status()).isEqualTo(0xC000);
        assertThat(storedFiles()).hasSize((int) filesBefore);

        // Kept aside exactly as received, wrapped in a Part 10 file that any DICOM tool opens.
        long id = quarantineId(truncated.errorComment());
        QuarantinedItem item = quarantine.list(1000, 0).stream().filter(i -> i.id() == id).findFirst().orElseThrow();
        assertThat(item.reason()).startsWith("unparseable");
        assertThat(item.sopClassUid()).isEqualTo(CT);
        byte[] kept = quarantine.content(id).orElseThrow();
        byte[] sent = BrokenDicom.truncated(slice);
        assertThat(Arrays.copyOfRange(kept, kept.length - sent.length, kept.length)).isEqualTo(sent);
        assertThat(new String(kept, 128, 4, StandardCharsets.US_ASCII)).isEqualTo("DICM");

        RawStoreScu.Response resent = RawStoreScu.store(gateway.port(), "VIGIE", CT, sop,
                BrokenDicom.truncated(slice));
        assertThat(quarantineId(resent.errorComment())).isEqualTo(id); // an identical re-send is kept once
    }

    @Test
    void quarantinesAnUltrasoundInstanceAndArchivesNothingOfIt(@TempDir Path folder) throws Exception {
        Path ultrasound = SyntheticUltrasound.write(folder.resolve("us.dcm"));
        List<StudySummary> studiesBefore = archive.findStudies(StudyQuery.all());
        List<Path> filesBefore = storedFiles();

        Dcmtk.Result sent = Dcmtk.storescuVerbose("US_CART", "VIGIE", gateway.port(), List.of(ultrasound));

        assertThat(sent.output()).contains("Received Store Response (Error: CannotUnderstand)");
        assertThat(archive.findStudies(StudyQuery.all())).isEqualTo(studiesBefore);
        assertThat(storedFiles()).isEqualTo(filesBefore);
        QuarantinedItem item = quarantine.list(1000, 0).stream()
                .filter(i -> SyntheticUltrasound.SOP_CLASS_UID.equals(i.sopClassUid())).findFirst().orElseThrow();
        assertThat(item.callingAeTitle()).isEqualTo("US_CART");
        assertThat(item.reason()).contains("burned-in");
        DicomInstance kept = DicomInstance.readPart10(new ByteArrayInputStream(quarantine.content(item.id())
                .orElseThrow()));
        assertThat(kept.string("PatientID")).isEqualTo(SyntheticUltrasound.PATIENT_ID); // as received: still identified
        // Nothing of it went further: no originals sealed under its pseudonym.
        assertThat(vault.find(SITE, ReidentificationVault.PATIENT_ID,
                PSEUDONYMS.patientId(SyntheticUltrasound.PATIENT_ID))).isEmpty();
    }

    @Test
    void sealsTheOriginalsOfAStoredSliceInTheVault() throws Exception {
        Dcmtk.Result sent = Dcmtk.storescu("PACS", "VIGIE", gateway.port(), SLICES.subList(0, 1));
        assertThat(sent.succeeded()).as(sent.output()).isTrue();
        DicomInstance original;
        try (InputStream in = Files.newInputStream(SLICES.get(0))) {
            original = DicomInstance.readPart10(in);
        }
        StudySummary study = archive.findStudies(StudyQuery.all()).get(0);

        assertThat(opened(ReidentificationVault.PATIENT_ID, study.patientId()))
                .isEqualTo(original.string("PatientID"));
        assertThat(opened(ReidentificationVault.ACCESSION_NUMBER, study.studyInstanceUid()))
                .isEqualTo(original.string("AccessionNumber"));
        // LIDC-IDRI's PatientName is empty: nothing to re-identify, so no row.
        assertThat(original.string("PatientName")).isEmpty();
        assertThat(vault.find(SITE, ReidentificationVault.PATIENT_NAME, study.patientId())).isEmpty();
        byte[] sealed = vault.find(SITE, ReidentificationVault.PATIENT_ID, study.patientId()).orElseThrow();
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1))
                .doesNotContain(original.string("PatientID"));
    }

    @Test
    void answersOutOfResourcesWhenEvenTheQuarantineCannotWrite() {
        FileStore fullDisk = new FileStore() {
            @Override
            public boolean createIfAbsent(String key, byte[] content) throws IOException {
                throw new IOException("No space left on device");
            }

            @Override
            public InputStream open(String key) throws IOException {
                throw new IOException("empty");
            }

            @Override
            public boolean exists(String key) throws IOException {
                throw new IOException("empty");
            }

            @Override
            public void delete(String key) {
            }
        };
        StorePipeline pipeline = new StorePipeline(new Deidentifier(PSEUDONYMS, DeidentificationProfile.research()),
                new VaultRecorder(CIPHER, vault, SITE), archive, new Quarantine(fullDisk, database.dataSource()),
                "VIGIE");
        String sop = "1.2.826.0.1.3680043.2.1125.999.3";

        DimseStatus status = pipeline.store(ReceivedInstance.cStore(SITE, "PACS", CT, sop, "1.2.840.10008.1.2.1",
                BrokenDicom.truncated(SLICES.get(2)))).status();

        assertThat(status.code()).isEqualTo(0xA700);
        assertThat(status.comment()).contains("quarantine unavailable");
    }

    @Test
    void answersOutOfResourcesWhenTheArchiveCannotWriteAndIndexesNothing() throws Exception {
        FileStore readOnly = new FileStore() {
            @Override
            public boolean createIfAbsent(String key, byte[] content) throws IOException {
                throw new java.nio.file.FileSystemException(key, null, "Read-only file system");
            }

            @Override
            public InputStream open(String key) throws IOException {
                throw new IOException("not stored");
            }

            @Override
            public boolean exists(String key) throws IOException {
                return false;
            }

            @Override
            public void delete(String key) {
            }
        };
        // An index of its own: the slice may be archived already by another test of this class.
        try (TestDatabase empty = TestDatabase.start()) {
            ArchiveSchema.migrate(empty.dataSource());
            Archive unwritable = new Archive(readOnly, new ArchiveIndex(empty.dataSource()),
                    new DuplicateConflicts(empty.dataSource()), DuplicatePolicy.KEEP_FIRST);
            Path slice = SLICES.get(7);
            DicomInstance original;
            try (InputStream in = Files.newInputStream(slice)) {
                original = DicomInstance.readPart10(in);
            }

            DimseStatus status = pipeline(unwritable).store(ReceivedInstance.cStore(SITE, "PACS", CT,
                    original.string("SOPInstanceUID"), "1.2.840.10008.1.2.1", BrokenDicom.dataSet(slice))).status();

            assertThat(status.code()).isEqualTo(0xA700);
            assertThat(status.comment()).isEqualTo("archive storage unavailable");
            assertThat(unwritable.findInstances(PSEUDONYMS.uid(original.string("StudyInstanceUID")), null,
                    PSEUDONYMS.uid(original.string("SOPInstanceUID")))).isEmpty();
        }
    }

    @Test
    void answersOutOfResourcesForADataSetLargerThanAccepted() throws Exception {
        try (DicomGateway small = DicomGateway.start(new DicomGateway.Settings("VIGIE",
                InetAddress.getLoopbackAddress(), 0, 2, 65536, Duration.ofSeconds(30), 100_000), pipeline(archive),
                new QueryRetrieveService(archive, "VIGIE"))) {
            // 120 kB: more than the 100 kB accepted, in one PDU PixelMed's sender makes, short enough to be read.
            RawStoreScu.Response response = RawStoreScu.store(small.port(), "VIGIE", CT,
                    "1.2.826.0.1.3680043.2.1125.999.4", Arrays.copyOf(BrokenDicom.dataSet(SLICES.get(4)), 120_000));
            assertThat(response.status()).isEqualTo(0xA700);
            assertThat(response.errorComment()).contains("larger than 100000 bytes");
        }
    }

    @Test
    void recordsEachNonEmptyOriginalOnce() {
        VaultRecorder recorder = new VaultRecorder(CIPHER, vault, "unit-site");
        recorder.record(new Deidentified("VGUNIT", "2.25.42", "PID-1", "Doe^Jane", "ACC-1"));
        recorder.record(new Deidentified("VGUNIT", "2.25.42", "PID-1", "Doe^Janet", "ACC-1"));
        recorder.record(new Deidentified("VGEMPTY", "2.25.43", "", "", ""));

        assertThat(CIPHER.open(vault.find("unit-site", ReidentificationVault.PATIENT_NAME, "VGUNIT").orElseThrow(),
                VaultCipher.rowAssociatedData("unit-site", ReidentificationVault.PATIENT_NAME, "VGUNIT")))
                .isEqualTo("Doe^Jane"); // the first one is kept
        assertThat(vault.find("unit-site", ReidentificationVault.ACCESSION_NUMBER, "2.25.42")).isPresent();
        assertThat(vault.find("unit-site", ReidentificationVault.PATIENT_ID, "VGEMPTY")).isEmpty();
        assertThat(vault.find("unit-site", ReidentificationVault.ACCESSION_NUMBER, "2.25.43")).isEmpty();
    }

    @Test
    void refusesADataSetThatIsNotTheAnnouncedInstance() throws Exception {
        RawStoreScu.Response response = RawStoreScu.store(gateway.port(), "VIGIE", CT,
                "1.2.826.0.1.3680043.2.1125.999.2", BrokenDicom.dataSet(SLICES.get(0)));
        assertThat(response.status()).isEqualTo(0xC000);
        assertThat(response.errorComment()).contains("SOPInstanceUID");
    }

    @Test
    void storesAPart10FileTheSameWayAndTellsTheListener() throws Exception {
        List<StoreResult> heard = new ArrayList<>();
        StorePipeline pipeline = new StorePipeline(new Deidentifier(PSEUDONYMS, DeidentificationProfile.research()),
                new VaultRecorder(CIPHER, vault, SITE), archive, quarantine, "VIGIE",
                (source, bytes, result, elapsed) -> {
                    assertThat(source).isEqualTo(ReceivedInstance.Source.STOW);
                    assertThat(bytes).isPositive();
                    assertThat(elapsed).isPositive();
                    heard.add(result);
                });
        Path slice = SLICES.get(7);
        DicomInstance original;
        try (InputStream in = Files.newInputStream(slice)) {
            original = DicomInstance.readPart10(in);
        }

        StoreResult first = pipeline.storePart10(ReceivedInstance.Source.STOW, SITE, "dev-radiologist",
                Files.readAllBytes(slice), original.string("StudyInstanceUID"));
        StoreResult again = pipeline.storePart10(ReceivedInstance.Source.STOW, SITE, "dev-radiologist",
                Files.readAllBytes(slice), null);

        assertThat(first.outcome()).isIn(StoreResult.Outcome.STORED, StoreResult.Outcome.DUPLICATE);
        assertThat(first.status().isSuccess()).isTrue();
        assertThat(first.sopInstanceUid()).isEqualTo(original.string("SOPInstanceUID"));
        // What the archive holds is the de-identified instance: its UIDs are the remapped ones.
        assertThat(first.stored().sopInstanceUid()).isEqualTo(PSEUDONYMS.uid(original.string("SOPInstanceUID")))
                .isNotEqualTo(original.string("SOPInstanceUID"));
        assertThat(first.stored().studyInstanceUid()).isNotEqualTo(original.string("StudyInstanceUID"));
        assertThat(again.outcome()).isEqualTo(StoreResult.Outcome.DUPLICATE);
        assertThat(heard).containsExactly(first, again);
    }

    @Test
    void refusesAPart10FileOfAnotherStudyThanAsked() throws Exception {
        long filesBefore = storedFiles().size();
        StoreResult result = pipeline(archive).storePart10(ReceivedInstance.Source.STOW, SITE, "dev-radiologist",
                Files.readAllBytes(SLICES.get(8)), "1.2.3.4");
        assertThat(result.status().code()).isEqualTo(0xA900);
        assertThat(result.outcome()).isEqualTo(StoreResult.Outcome.FAILED);
        assertThat(result.reason()).isEqualTo(StoreResult.Reason.WRONG_STUDY);
        assertThat(storedFiles()).hasSize((int) filesBefore);
    }

    @Test
    void quarantinesATruncatedPart10FileAndRefusesWhatIsNoPart10File() {
        StoreResult truncated = pipeline(archive).storePart10(ReceivedInstance.Source.STOW, SITE, "dev-radiologist",
                BrokenDicom.truncatedFile(SLICES.get(9)), null);
        StoreResult notDicom = pipeline(archive).storePart10(ReceivedInstance.Source.STOW, SITE, "dev-radiologist",
                "{\"not\": \"dicom\"}".getBytes(StandardCharsets.US_ASCII), null);

        assertThat(truncated.outcome()).isEqualTo(StoreResult.Outcome.QUARANTINED);
        assertThat(truncated.reason()).isEqualTo(StoreResult.Reason.UNPARSEABLE);
        assertThat(truncated.status().code()).isEqualTo(0xC000);
        assertThat(truncated.sopClassUid()).isEqualTo(CT);
        assertThat(quarantine.find(quarantineId(truncated.status().comment())).orElseThrow().callingAeTitle())
                .isEqualTo("dev-radiologist");
        assertThat(notDicom.outcome()).isEqualTo(StoreResult.Outcome.FAILED);
        assertThat(notDicom.reason()).isEqualTo(StoreResult.Reason.NOT_PART10);
        assertThat(notDicom.status().code()).isEqualTo(0xC000);
    }

    private static Archive archive(DuplicatePolicy policy) throws IOException {
        return new Archive(new LocalFileStore(storage), new ArchiveIndex(database.dataSource()),
                new DuplicateConflicts(database.dataSource()), policy);
    }

    private static StorePipeline pipeline(Archive archive) {
        return new StorePipeline(new Deidentifier(PSEUDONYMS, DeidentificationProfile.research()),
                new VaultRecorder(CIPHER, vault, SITE), archive, quarantine, "VIGIE");
    }

    private static ReceivedInstance received(String sopInstanceUid, byte[] dataSet) {
        return ReceivedInstance.cStore(SITE, "PACS_7", CT, sopInstanceUid, "1.2.840.10008.1.2.1", dataSet);
    }

    private static String opened(String kind, String subject) {
        byte[] sealed = vault.find(SITE, kind, subject).orElseThrow(() -> new AssertionError("no " + kind));
        return CIPHER.open(sealed, VaultCipher.rowAssociatedData(SITE, kind, subject));
    }

    private static long quarantineId(String errorComment) {
        assertThat(errorComment).startsWith("quarantined #");
        return Long.parseLong(errorComment.substring("quarantined #".length(), errorComment.indexOf(':')));
    }

    @Test
    void storesCompressedSlicesAsReceivedNeverDecoded(@TempDir Path compressed) throws Exception {
        // JPEG Lossless SV1 and RLE, made by dcmtk from two real slices and sent in their syntax.
        Path jpegLossless = compressed.resolve("jpeg-lossless.dcm");
        Path rle = compressed.resolve("rle.dcm");
        assertThat(Dcmtk.run(List.of("dcmcjpeg", "+e1", SLICES.get(3).toString(), jpegLossless.toString()))
                .succeeded()).isTrue();
        assertThat(Dcmtk.run(List.of("dcmcrle", SLICES.get(4).toString(), rle.toString())).succeeded()).isTrue();
        for (Path file : List.of(jpegLossless, rle)) { // a study of their own, apart from the other tests' slices
            assertThat(Dcmtk.run(List.of("dcmodify", "-nb", "-gst", "-gse", "-gin", file.toString())).succeeded())
                    .isTrue();
        }
        Map<Path, String> proposal = Map.of(jpegLossless, "-xs", rle, "-xr");
        for (Map.Entry<Path, String> sent : proposal.entrySet()) {
            Dcmtk.Result result = Dcmtk.run(List.of("storescu", sent.getValue(), "-aet", "PACS", "-aec", "VIGIE",
                    "127.0.0.1", String.valueOf(gateway.port()), sent.getKey().toString()));
            assertThat(result.succeeded()).as(result.output()).isTrue();

            byte[] file = Files.readAllBytes(sent.getKey());
            String syntax = Dcmtk.run(List.of("dcmdump", "+P", "TransferSyntaxUID", sent.getKey().toString()))
                    .output();
            byte[] pixelElement = Arrays.copyOfRange(file, encapsulatedPixelData(file), file.length);
            Path stored = storedFiles().stream()
                    .filter(f -> endsWith(readQuietly(f), pixelElement)).findFirst().orElseThrow(
                            () -> new AssertionError("no stored file ends with the sent pixel data " + sent));
            String storedSyntax = Dcmtk.run(List.of("dcmdump", "+P", "TransferSyntaxUID", stored.toString()))
                    .output();
            assertThat(storedSyntax).as(sent.getKey().toString()).contains(syntax);
        }
    }

    /** Where the encapsulated Pixel Data element (7FE0,0010) OB of undefined length starts in a file. */
    private static int encapsulatedPixelData(byte[] file) {
        byte[] header = {(byte) 0xE0, 0x7F, 0x10, 0x00, 'O', 'B', 0, 0, -1, -1, -1, -1};
        for (int i = file.length - header.length; i >= 0; i--) {
            if (Arrays.equals(Arrays.copyOfRange(file, i, i + header.length), header)) {
                return i;
            }
        }
        throw new AssertionError("no encapsulated pixel data");
    }

    private static boolean endsWith(byte[] file, byte[] tail) {
        return file.length >= tail.length
                && Arrays.equals(Arrays.copyOfRange(file, file.length - tail.length, file.length), tail);
    }

    private static byte[] readQuietly(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> storedFiles() throws Exception {
        try (Stream<Path> files = Files.walk(storage)) {
            return files.filter(f -> f.toString().endsWith(".dcm")).toList();
        }
    }
}
