package io.vigie.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.archive.StoredInstance;
import io.vigie.archive.StudyQuery;
import io.vigie.archive.StudySummary;
import io.vigie.dicom.DicomInstance;
import io.vigie.ingest.query.MoveDestination;
import io.vigie.testing.Dcmtk;
import io.vigie.testing.RawFindScu;
import io.vigie.testing.SharedData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Query/retrieve against dcmtk's findscu, getscu, movescu and storescp, real processes over loopback TCP, after
 * storescu pushed LIDC-IDRI-0001 (16 slices) through de-identification.
 */
class QueryRetrieveTest {

    private static final List<Path> SLICES = SharedData.lidcSlices("LIDC-IDRI-0001");

    @TempDir
    static Path folder;

    private static Dcmtk.StoreScp destination;
    private static TestGateway vigie;
    private static StudySummary study;
    private static Set<String> archivedSops;
    private static DicomInstance original;

    @BeforeAll
    static void pushTheStudy() throws Exception {
        destination = Dcmtk.storescp("STORESCP", Files.createDirectories(folder.resolve("moved")));
        vigie = TestGateway.start(folder, List.of(new MoveDestination("STORESCP", "127.0.0.1", destination.port())));
        Dcmtk.Result sent = Dcmtk.storescu("PACS", "VIGIE", vigie.port(), SLICES);
        assertThat(sent.succeeded()).as(sent.output()).isTrue();
        study = vigie.archive.findStudies(StudyQuery.all()).get(0);
        archivedSops = vigie.archive.findInstances(study.studyInstanceUid(), null, null).stream()
                .map(StoredInstance::sopInstanceUid).collect(Collectors.toSet());
        try (InputStream in = Files.newInputStream(SLICES.get(0))) {
            original = DicomInstance.readPart10(in);
        }
    }

    @AfterAll
    static void stop() {
        vigie.close();
        destination.close();
    }

    @Test
    void findsOneStudyOneSeriesAndSixteenInstancesByThePseudonym() throws Exception {
        String pseudonym = study.patientId();
        assertThat(pseudonym).startsWith("VG").isNotEqualTo(original.string("PatientID"));

        List<DicomInstance> studies = find("-S", "QueryRetrieveLevel=STUDY", "PatientID=" + pseudonym,
                "StudyInstanceUID", "StudyDate", "ModalitiesInStudy", "NumberOfStudyRelatedInstances", "PatientName",
                "AccessionNumber");
        assertThat(studies).singleElement().satisfies(s -> {
            assertThat(s.string("StudyInstanceUID")).isEqualTo(study.studyInstanceUid());
            assertThat(s.string("PatientID")).isEqualTo(pseudonym);
            assertThat(s.string("ModalitiesInStudy")).isEqualTo("CT");
            assertThat(s.string("NumberOfStudyRelatedInstances")).isEqualTo("16");
            assertThat(s.string("RetrieveAETitle")).isEqualTo("VIGIE");
            assertThat(s.string("AccessionNumber")).isNotEqualTo(original.string("AccessionNumber"));
        });
        List<DicomInstance> series = find("-S", "QueryRetrieveLevel=SERIES", "PatientID=" + pseudonym,
                "SeriesInstanceUID", "Modality", "NumberOfSeriesRelatedInstances");
        assertThat(series).singleElement().satisfies(s -> {
            assertThat(s.string("Modality")).isEqualTo("CT");
            assertThat(s.string("NumberOfSeriesRelatedInstances")).isEqualTo("16");
            assertThat(s.string("StudyInstanceUID")).isEqualTo(study.studyInstanceUid());
        });
        List<DicomInstance> images = find("-S", "QueryRetrieveLevel=IMAGE", "PatientID=" + pseudonym,
                "SOPInstanceUID", "InstanceNumber", "SOPClassUID");
        assertThat(images).extracting(i -> i.string("SOPInstanceUID"))
                .containsExactlyInAnyOrderElementsOf(archivedSops);

        assertThat(find("-P", "QueryRetrieveLevel=PATIENT", "PatientID=" + pseudonym, "PatientName",
                "NumberOfPatientRelatedInstances")).singleElement()
                .satisfies(p -> assertThat(p.string("NumberOfPatientRelatedInstances")).isEqualTo("16"));
        assertThat(find("-P", "QueryRetrieveLevel=STUDY", "PatientID=" + pseudonym, "StudyInstanceUID")).hasSize(1);
        assertThat(find("-P", "QueryRetrieveLevel=SERIES", "PatientID=" + pseudonym, "SeriesInstanceUID")).hasSize(1);
        assertThat(find("-P", "QueryRetrieveLevel=IMAGE", "PatientID=" + pseudonym, "SOPInstanceUID")).hasSize(16);
    }

    @Test
    void theOriginalIdentityFindsNothingAndClientValuesAreNeverEchoed() throws Exception {
        assertThat(find("-S", "QueryRetrieveLevel=STUDY", "PatientID=" + original.string("PatientID"),
                "StudyInstanceUID")).isEmpty();
        assertThat(find("-S", "QueryRetrieveLevel=STUDY", "StudyInstanceUID=" + original.string("StudyInstanceUID")))
                .isEmpty();
        // Keys the index does not hold are not matched on, and come back empty, whatever the client sent.
        List<DicomInstance> studies = find("-S", "QueryRetrieveLevel=STUDY", "PatientID=" + study.patientId(),
                "0010,1000=" + original.string("PatientID"), "ReferringPhysicianName=Doe^John",
                "PatientBirthDate=19700101");
        assertThat(studies).singleElement().satisfies(s -> {
            assertThat(s.string("OtherPatientIDs")).isEmpty();
            assertThat(s.string("ReferringPhysicianName")).isEmpty();
            assertThat(s.string("PatientBirthDate")).isEmpty();
        });
    }

    @Test
    void matchesWildcardsDateRangesAndUidLists() throws Exception {
        assertThat(find("-S", "QueryRetrieveLevel=STUDY", "PatientID=VG*")).hasSize(1);
        assertThat(find("-S", "QueryRetrieveLevel=STUDY", "PatientID=VG?" + study.patientId().substring(3))).hasSize(1);
        assertThat(find("-S", "QueryRetrieveLevel=STUDY", "PatientID=XX*")).isEmpty();
        assertThat(find("-S", "QueryRetrieveLevel=STUDY", "StudyDate=19000101-")).hasSize(1);
        assertThat(find("-S", "QueryRetrieveLevel=STUDY", "StudyDate=-19000101")).isEmpty();
        assertThat(find("-S", "QueryRetrieveLevel=STUDY",
                "StudyInstanceUID=1.2.3.4\\" + study.studyInstanceUid())).hasSize(1);
        assertThat(find("-S", "QueryRetrieveLevel=STUDY", "ModalitiesInStudy=MR\\CT")).hasSize(1);
        assertThat(find("-S", "QueryRetrieveLevel=STUDY", "ModalitiesInStudy=MR")).isEmpty();
        assertThat(find("-S", "QueryRetrieveLevel=IMAGE", "StudyInstanceUID=" + study.studyInstanceUid(),
                "InstanceNumber=" + original.string("InstanceNumber"))).hasSize(1);
        assertThat(find("-S", "QueryRetrieveLevel=SERIES", "Modality=C?")).hasSize(1);
    }

    @Test
    void refusesALevelTheModelLacksAndValuesThatCannotBeMatched() throws Exception {
        // dcmtk names the statuses: A900 is DataSetDoesNotMatchSOPClass, C000 UnableToProcess.
        Dcmtk.Result patientLevel = Dcmtk.findscu("-S", vigie.port(), "VIGIE", responses(),
                List.of("QueryRetrieveLevel=PATIENT", "PatientID"));
        assertThat(patientLevel.output()).contains("Final Find Response (Error: DataSetDoesNotMatchSOPClass)");
        Dcmtk.Result badDate = Dcmtk.findscu("-S", vigie.port(), "VIGIE", responses(),
                List.of("QueryRetrieveLevel=STUDY", "StudyDate=yesterday"));
        assertThat(badDate.output()).contains("Final Find Response (Failed: UnableToProcess)");
    }

    @Test
    void stopsAtACancel() throws Exception {
        RawFindScu.Responses responses = RawFindScu.findImagesAndCancel(vigie.port(), "VIGIE");
        assertThat(responses.finalStatus()).isEqualTo(0xFE00);
        assertThat(responses.pending()).isLessThan(SLICES.size());
    }

    @Test
    void refusesAnIdentifierLargerThanAcceptedAndKeepsServing() throws Exception {
        // 1.5 MiB: within the PDU length the gateway tolerates, beyond the 1 MiB an identifier may take.
        RawFindScu.Responses oversized = RawFindScu.find(vigie.port(), "VIGIE", new byte[3 << 19]);
        assertThat(oversized.statuses()).containsExactly(0xA700);

        assertThat(find("-S", "QueryRetrieveLevel=STUDY", "StudyInstanceUID=" + study.studyInstanceUid()))
                .hasSize(1);
    }

    @Test
    void getReturnsTheSixteenArchivedInstances() throws Exception {
        Path received = Files.createDirectories(folder.resolve("got"));
        Dcmtk.Result got = Dcmtk.getscu("-S", vigie.port(), "VIGIE", received,
                List.of("QueryRetrieveLevel=STUDY", "StudyInstanceUID=" + study.studyInstanceUid()));
        assertThat(got.succeeded()).as(got.output()).isTrue();
        assertThat(sopInstanceUids(received)).containsExactlyInAnyOrderElementsOf(archivedSops);
    }

    @Test
    void moveSendsTheSixteenInstancesToAConfiguredDestinationOnly() throws Exception {
        Dcmtk.Result moved = Dcmtk.movescu("-S", vigie.port(), "VIGIE", "STORESCP",
                List.of("QueryRetrieveLevel=SERIES", "SeriesInstanceUID=" + seriesUid()));
        assertThat(moved.succeeded()).as(moved.output()).isTrue();
        assertThat(sopInstanceUids(folder.resolve("moved"))).containsExactlyInAnyOrderElementsOf(archivedSops);

        Dcmtk.Result unknown = Dcmtk.movescu("-S", vigie.port(), "VIGIE", "ELSEWHERE",
                List.of("QueryRetrieveLevel=STUDY", "StudyInstanceUID=" + study.studyInstanceUid()));
        // dcmtk's name for A801.
        assertThat(unknown.output()).contains("Final Move Response (Refused: MoveDestinationUnknown)");
    }

    private static String seriesUid() {
        return vigie.archive.findInstances(study.studyInstanceUid(), null, null).get(0).seriesInstanceUid();
    }

    private static List<DicomInstance> find(String model, String... keys) throws Exception {
        Path out = responses();
        Dcmtk.Result result = Dcmtk.findscu(model, vigie.port(), "VIGIE", out, List.of(keys));
        assertThat(result.succeeded()).as(result.output()).isTrue();
        assertThat(result.output()).as("findscu reports no error").doesNotContain("E: ")
                .contains("Received Final Find Response (Success)");
        List<DicomInstance> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(out)) {
            for (Path file : files.sorted().toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    found.add(DicomInstance.readPart10(in));
                }
            }
        }
        return found;
    }

    private static Path responses() throws IOException {
        return Files.createTempDirectory(folder, "find");
    }

    private static Set<String> sopInstanceUids(Path received) throws Exception {
        Set<String> uids = new HashSet<>();
        try (Stream<Path> files = Files.list(received)) {
            for (Path file : files.toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    uids.add(DicomInstance.readPart10(in).string("SOPInstanceUID"));
                }
            }
        }
        return uids;
    }
}
