package io.vigie;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.config.DicomGatewayLifecycle;
import io.vigie.dicom.DicomInstance;
import io.vigie.support.ApiClient;
import io.vigie.support.VigieAppTest;
import io.vigie.testing.BrokenDicom;
import io.vigie.testing.Dcmtk;
import io.vigie.testing.MultipartRelated;
import io.vigie.testing.RawStoreScu;
import io.vigie.testing.SharedData;
import io.vigie.testing.SyntheticUltrasound;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The walking skeleton end to end: dcmtk's storescu (a real process) pushes LIDC-IDRI-0001 over TCP to the
 * application on random ports; a client with a token finds the study by QIDO-RS and downloads it by WADO-RS.
 */
@VigieAppTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VigieEndToEndTest {

    private static final List<Path> SLICES = SharedData.lidcSlices("LIDC-IDRI-0001");
    private static final String CT = "1.2.840.10008.5.1.4.1.1.2";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static Path dataDir;
    private static Dcmtk.StoreScp viewer;

    /** The data folder, and a storescp standing for a viewer, configured as the C-MOVE destination VIEWER. */
    @DynamicPropertySource
    static void dataDirAndMoveDestination(DynamicPropertyRegistry registry) throws IOException {
        dataDir = Files.createTempDirectory("vigie-e2e");
        viewer = Dcmtk.storescp("VIEWER", Files.createDirectories(dataDir.resolve("viewer")));
        registry.add("vigie.data-dir", dataDir::toString);
        registry.add("vigie.dicom.move-destinations[0].ae-title", () -> "VIEWER");
        registry.add("vigie.dicom.move-destinations[0].host", () -> "127.0.0.1");
        registry.add("vigie.dicom.move-destinations[0].port", viewer::port);
    }

    @AfterAll
    void stopViewer() {
        viewer.close();
    }

    @Autowired
    DicomGatewayLifecycle gateway;

    @Autowired
    ApiClient api;

    private String token;
    private DicomInstance original;

    @BeforeAll
    void pushStudyAndGetToken() throws Exception {
        Dcmtk.Result sent = Dcmtk.storescu("HOSPITAL_PACS", "VIGIE", gateway.port(), SLICES);
        assertThat(sent.succeeded()).as(sent.output()).isTrue();
        token = token("radiologist");
        try (InputStream in = Files.newInputStream(SLICES.get(5))) {
            original = DicomInstance.readPart10(in);
        }
    }

    @Test
    @Order(1)
    void findsOnePseudonymousStudyOfSixteenInstances() throws Exception {
        JsonNode studies = qido("/dicomweb/studies");
        assertThat(studies.size()).isEqualTo(1);
        JsonNode study = studies.get(0);
        String patientId = value(study, "00100020");
        assertThat(patientId).startsWith("VG").isNotEqualTo(original.string("PatientID"));
        assertThat(value(study, "0020000D")).isNotEqualTo(original.string("StudyInstanceUID"));
        assertThat(study.get("00201208").get("Value").get(0).asInt()).isEqualTo(SLICES.size());
        assertThat(value(study, "00080061")).isEqualTo("CT");

        assertThat(qido("/dicomweb/studies?PatientID=" + patientId).size()).isEqualTo(1);
        assertThat(qido("/dicomweb/studies?PatientID=VG*").size()).isEqualTo(1);
        assertThat(qido("/dicomweb/studies?PatientID=" + original.string("PatientID")).size()).isZero();
        assertThat(qido("/dicomweb/studies?ModalitiesInStudy=CT&StudyDate=19000101-").size()).isEqualTo(1);
        assertThat(qido("/dicomweb/studies?ModalitiesInStudy=MR").size()).isZero();
        assertThat(qido("/dicomweb/studies?StudyDate=-19000101").size()).isZero();
        assertThat(qido("/dicomweb/studies?0020000D=" + value(study, "0020000D")).size()).isEqualTo(1);
    }

    @Test
    @Order(2)
    void retrievesAnInstanceWithOriginalPixelsAndNewIdentity() throws Exception {
        String studyUid = value(qido("/dicomweb/studies").get(0), "0020000D");
        List<MultipartRelated.Part> studyParts = wado("/dicomweb/studies/" + studyUid);
        assertThat(studyParts).hasSize(SLICES.size());

        DicomInstance fromStudy = studyParts.stream().map(p -> read(p.body()))
                .filter(i -> i.string("InstanceNumber").equals(original.string("InstanceNumber")))
                .findFirst().orElseThrow();
        List<MultipartRelated.Part> one = wado("/dicomweb/studies/" + studyUid + "/series/"
                + fromStudy.string("SeriesInstanceUID") + "/instances/" + fromStudy.string("SOPInstanceUID"));
        assertThat(one).hasSize(1);
        assertThat(one.get(0).headers()).contains("content-type: application/dicom");
        DicomInstance retrieved = read(one.get(0).body());

        assertThat(retrieved.bytes("PixelData")).isEqualTo(original.bytes("PixelData"));
        assertThat(retrieved.string("PatientID")).isNotEqualTo(original.string("PatientID"));
        assertThat(retrieved.string("StudyInstanceUID")).isNotEqualTo(original.string("StudyInstanceUID"));
        assertThat(retrieved.string("SOPInstanceUID")).isNotEqualTo(original.string("SOPInstanceUID"));
        assertThat(retrieved.string("PatientIdentityRemoved")).isEqualTo("YES");

        assertThat(wado("/dicomweb/studies/" + studyUid + "/series/" + fromStudy.string("SeriesInstanceUID")))
                .hasSize(SLICES.size());
    }

    @Test
    @Order(3)
    void sendingTheSameFilesAgainAddsNothing() throws Exception {
        Dcmtk.Result again = Dcmtk.storescu("HOSPITAL_PACS", "VIGIE", gateway.port(), SLICES);
        assertThat(again.succeeded()).as(again.output()).isTrue();
        JsonNode studies = qido("/dicomweb/studies");
        assertThat(studies.size()).isEqualTo(1);
        assertThat(studies.get(0).get("00201208").get("Value").get(0).asInt()).isEqualTo(SLICES.size());
    }

    @Test
    @Order(4)
    void aBrokenDataSetFailsAndLeavesTheArchiveUnchanged() throws Exception {
        RawStoreScu.Response truncated = RawStoreScu.store(gateway.port(), "VIGIE", CT,
                "1.2.826.0.1.3680043.2.1125.777.1", BrokenDicom.truncated(SLICES.get(0)));
        RawStoreScu.Response pastEnd = RawStoreScu.store(gateway.port(), "VIGIE", CT,
                "1.2.826.0.1.3680043.2.1125.777.2", BrokenDicom.elementLengthPastEnd(SLICES.get(1)));
        assertThat(truncated.status()).isEqualTo(0xC000);
        assertThat(pastEnd.status()).isEqualTo(0xC000);
        JsonNode studies = qido("/dicomweb/studies");
        assertThat(studies.size()).isEqualTo(1);
        assertThat(studies.get(0).get("00201208").get("Value").get(0).asInt()).isEqualTo(SLICES.size());
    }

    @Test
    @Order(5)
    void refusesRequestsWithoutAValidToken() throws Exception {
        assertThat(send(HttpRequest.newBuilder(uri("/dicomweb/studies")).GET(), 401).headers()
                .firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        String tampered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
        send(HttpRequest.newBuilder(uri("/dicomweb/studies")).header("Authorization", "Bearer " + tampered).GET(),
                401);
        String studyUid = value(qido("/dicomweb/studies").get(0), "0020000D");
        send(HttpRequest.newBuilder(uri("/dicomweb/studies/" + studyUid)).GET(), 401);
    }

    @Test
    @Order(6)
    void answersProblemsForBadQueriesAndUnknownStudies() throws Exception {
        HttpResponse<byte[]> bad = send(authorized("/dicomweb/studies?StudyDate=yesterday"), 400);
        assertThat(bad.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        send(authorized("/dicomweb/studies/1.2.3.4"), 404);
        send(authorized("/dicomweb/studies?PatientsMothersName=X"), 400);
    }

    @Test
    @Order(7)
    void quarantinesAnUltrasoundInstanceAndListsItToAdministratorsOnly(@TempDir Path folder) throws Exception {
        Path ultrasound = SyntheticUltrasound.write(folder.resolve("us.dcm"));
        Dcmtk.Result sent = Dcmtk.storescuVerbose("US_CART", "VIGIE", gateway.port(), List.of(ultrasound));
        assertThat(sent.output()).contains("Received Store Response (Error: CannotUnderstand)");

        send(authorized("/admin/quarantine"), 403); // a radiologist's token
        send(HttpRequest.newBuilder(uri("/admin/quarantine")).GET(), 401);
        String admin = token("admin");
        HttpResponse<byte[]> listed = send(HttpRequest.newBuilder(uri("/admin/quarantine?limit=10&offset=0"))
                .header("Authorization", "Bearer " + admin).GET(), 200);
        JsonNode item = null;
        for (JsonNode entry : JSON.readTree(listed.body())) {
            if (SyntheticUltrasound.SOP_CLASS_UID.equals(entry.get("sopClassUid").asString())) {
                item = entry;
            }
        }
        assertThat(item).as(new String(listed.body())).isNotNull();
        assertThat(item.get("id").asLong()).isPositive();
        assertThat(item.get("callingAeTitle").asString()).isEqualTo("US_CART");
        assertThat(item.get("reason").asString()).contains("burned-in");
        assertThat(item.get("sizeBytes").asLong()).isGreaterThan(16 * 16);
        assertThat(Instant.parse(item.get("receivedAt").asString())).isBefore(Instant.now().plusSeconds(60));
        send(HttpRequest.newBuilder(uri("/admin/quarantine?limit=0"))
                .header("Authorization", "Bearer " + admin).GET(), 400);

        JsonNode studies = qido("/dicomweb/studies");
        assertThat(studies.size()).isEqualTo(1); // the archive holds the CT study only
        assertThat(studies.get(0).get("00201208").get("Value").get(0).asInt()).isEqualTo(SLICES.size());
    }

    @Test
    @Order(8)
    void aDicomClientFindsTheStudyAndMovesItToAConfiguredViewer() throws Exception {
        String studyUid = value(qido("/dicomweb/studies").get(0), "0020000D");
        Path responses = Files.createDirectories(dataDir.resolve("find"));
        Dcmtk.Result found = Dcmtk.findscu("-S", gateway.port(), "VIGIE", responses,
                List.of("QueryRetrieveLevel=STUDY", "ModalitiesInStudy=CT", "StudyInstanceUID"));
        assertThat(found.output()).contains("Received Final Find Response (Success)");
        try (var files = Files.list(responses)) {
            assertThat(files.map(f -> read(readAll(f)).string("StudyInstanceUID")).toList()).containsExactly(studyUid);
        }

        Dcmtk.Result moved = Dcmtk.movescu("-S", gateway.port(), "VIGIE", "VIEWER",
                List.of("QueryRetrieveLevel=STUDY", "StudyInstanceUID=" + studyUid));
        assertThat(moved.output()).as(moved.output()).contains("Received Final Move Response (Success)");
        try (var files = Files.list(dataDir.resolve("viewer"))) {
            assertThat(files.count()).isEqualTo(SLICES.size());
        }
    }

    private static byte[] readAll(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private String token(String role) throws Exception {
        return api.token(role);
    }

    /** A search's matches; no match is 204 without a body (PS3.18 8.3.4.4.1), read as an empty array. */
    private JsonNode qido(String path) throws Exception {
        HttpResponse<byte[]> response = api.send(authorized(path).header("Accept", "application/dicom+json"));
        assertThat(response.statusCode()).as(new String(response.body())).isIn(200, 204);
        return JSON.readTree(response.statusCode() == 204 ? "[]".getBytes() : response.body());
    }

    private List<MultipartRelated.Part> wado(String path) throws Exception {
        return api.retrieveInstances(path, token);
    }

    private HttpRequest.Builder authorized(String path) {
        return api.authorized(path, token);
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request, int expectedStatus) throws Exception {
        return api.send(request, expectedStatus);
    }

    private URI uri(String path) {
        return api.uri(path);
    }

    private static String value(JsonNode dataSet, String tag) {
        return dataSet.get(tag).get("Value").get(0).asString();
    }

    private static DicomInstance read(byte[] part10) {
        try {
            return DicomInstance.readPart10(new ByteArrayInputStream(part10));
        } catch (Exception e) {
            throw new AssertionError("not a readable Part 10 instance", e);
        }
    }
}
