package io.vigie.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.archive.StudyQuery;
import io.vigie.archive.StudySummary;
import io.vigie.dicom.DicomInstance;
import io.vigie.ingest.query.MoveDestination;
import io.vigie.testing.Dcmtk;
import io.vigie.testing.Loopback;
import io.vigie.testing.Orthanc;
import io.vigie.testing.SharedData;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Vigie and Orthanc, both real, over loopback: Orthanc finds a study in Vigie and pulls it by C-MOVE to itself, then
 * pushes another study to Vigie by C-STORE. Orthanc is driven through its REST API, as an operator would.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OrthancInteropTest {

    private static final List<Path> FIRST_STUDY = SharedData.lidcSlices("LIDC-IDRI-0001");
    private static final List<Path> SECOND_STUDY = SharedData.lidcSlices("LIDC-IDRI-0002");

    @TempDir
    static Path folder;

    private static TestGateway vigie;
    private static Orthanc orthanc;

    @BeforeAll
    static void start() throws Exception {
        int orthancPort = Loopback.freePort();
        vigie = TestGateway.start(folder, List.of(new MoveDestination("ORTHANC", "127.0.0.1", orthancPort)));
        orthanc = Orthanc.start(folder.resolve("orthanc"), "ORTHANC", orthancPort,
                Map.of("vigie", new Orthanc.Modality("VIGIE", "127.0.0.1", vigie.port())));
        Dcmtk.Result sent = Dcmtk.storescu("PACS", "VIGIE", vigie.port(), FIRST_STUDY);
        assertThat(sent.succeeded()).as(sent.output()).isTrue();
    }

    @AfterAll
    static void stop() {
        if (orthanc != null) {
            orthanc.close();
        }
        vigie.close();
    }

    @Test
    @Order(1)
    void orthancFindsTheStudyInVigieAndRetrievesItByMove() {
        StudySummary archived = vigie.archive.findStudies(StudyQuery.all()).get(0);

        JsonNode query = orthanc.post("/modalities/vigie/query", Map.of("Level", "Study",
                "Query", Map.of("PatientID", archived.patientId(), "StudyInstanceUID", "", "StudyDate", "")));
        String queryId = query.get("ID").asString();
        JsonNode answers = orthanc.get("/queries/" + queryId + "/answers?expand&simplify");
        assertThat(answers.size()).isEqualTo(1);
        assertThat(answers.get(0).get("StudyInstanceUID").asString()).isEqualTo(archived.studyInstanceUid());

        orthanc.post("/queries/" + queryId + "/retrieve", Map.of("TargetAet", "ORTHANC", "Synchronous", true));

        assertThat(orthanc.get("/instances").size()).isEqualTo(FIRST_STUDY.size());
        JsonNode studies = orthanc.get("/studies?expand");
        assertThat(studies.size()).isEqualTo(1);
        assertThat(studies.get(0).get("MainDicomTags").get("StudyInstanceUID").asString())
                .isEqualTo(archived.studyInstanceUid());
        assertThat(studies.get(0).get("PatientMainDicomTags").get("PatientID").asString())
                .isEqualTo(archived.patientId());
    }

    @Test
    @Order(2)
    void orthancSendsAStudyToVigieByStore() throws Exception {
        String orthancStudy = null;
        for (Path slice : SECOND_STUDY) {
            orthancStudy = orthanc.upload(slice).get("ParentStudy").asString();
        }

        JsonNode stored = orthanc.post("/modalities/vigie/store", Map.of("Resources", List.of(orthancStudy),
                "Synchronous", true));
        assertThat(stored.get("FailedInstancesCount").asInt()).as(stored.toString()).isZero();

        DicomInstance original;
        try (InputStream in = Files.newInputStream(SECOND_STUDY.get(0))) {
            original = DicomInstance.readPart10(in);
        }
        List<StudySummary> studies = vigie.archive.findStudies(StudyQuery.all());
        assertThat(studies).hasSize(2);
        assertThat(studies).filteredOn(s -> s.numberOfInstances() == SECOND_STUDY.size()).singleElement()
                .satisfies(s -> {
                    assertThat(s.patientId()).startsWith("VG").isNotEqualTo(original.string("PatientID"));
                    assertThat(s.studyInstanceUid()).isNotEqualTo(original.string("StudyInstanceUID"));
                });
    }
}
