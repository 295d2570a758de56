package io.vigie;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.dicom.DicomInstance;
import io.vigie.support.ApiClient;
import io.vigie.support.VigieAppTest;
import io.vigie.testing.BrokenDicom;
import io.vigie.testing.MultipartRelated;
import io.vigie.testing.SharedData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * STOW-RS end to end: a real HTTP client posts LIDC-IDRI slices as multipart/related to the application on random
 * ports, finds what it stored (de-identified, under remapped UIDs) through the response and QIDO-RS, and reads the
 * ingest metrics from the management port, as Prometheus would.
 */
@VigieAppTest(properties = "vigie.dicomweb.stow.max-request-size=16MB")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StowEndToEndTest {

    private static final List<Path> CASE_1 = SharedData.lidcSlices("LIDC-IDRI-0001");
    private static final List<Path> CASE_2 = SharedData.lidcSlices("LIDC-IDRI-0002");
    private static final String CT = "1.2.840.10008.5.1.4.1.1.2";
    private static final String PART10 = "multipart/related; type=\"application/dicom\"; boundary=";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int httpPort;

    @LocalManagementPort
    int managementPort;

    @Autowired
    ApiClient api;

    private String radiologist;

    @BeforeAll
    void token() throws Exception {
        radiologist = token("radiologist");
    }

    @Test
    @Order(1)
    void storesSixteenSlicesInOneRequestUnderRemappedUids() throws Exception {
        String before = metrics();

        HttpResponse<byte[]> response = stow("/dicomweb/studies", radiologist, files(CASE_1), 200);

        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/dicom+json"));
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.has("00081198")).as("no FailedSOPSequence").isFalse();
        JsonNode referenced = body.get("00081199").get("Value");
        assertThat(referenced.size()).isEqualTo(CASE_1.size());
        Set<String> sentUids = CASE_1.stream().map(f -> read(f).string("SOPInstanceUID")).collect(Collectors.toSet());
        String studyUrl = value(body, "00081190");
        assertThat(studyUrl).startsWith(uri("/dicomweb/studies/").toString());
        for (JsonNode item : referenced) {
            assertThat(value(item, "00081150")).isEqualTo(CT);
            assertThat(sentUids).doesNotContain(value(item, "00081155")); // stored de-identified: remapped
            assertThat(value(item, "00081190")).startsWith(studyUrl + "/series/")
                    .endsWith("/instances/" + value(item, "00081155"));
        }

        // QIDO-RS finds one de-identified study of 16, at the RetrieveURL the STOW-RS response gave.
        JsonNode studies = qido("/dicomweb/studies");
        assertThat(studies.size()).isEqualTo(1);
        assertThat(value(studies.get(0), "00081190")).isEqualTo(studyUrl);
        assertThat(value(studies.get(0), "00100020")).startsWith("VG")
                .isNotEqualTo(read(CASE_1.get(0)).string("PatientID"));
        assertThat(studies.get(0).get("00201208").get("Value").get(0).asInt()).isEqualTo(CASE_1.size());
        // ... and the RetrieveURL of an instance retrieves exactly that instance.
        List<MultipartRelated.Part> one = wado(value(referenced.get(3), "00081190"));
        assertThat(one).hasSize(1);
        assertThat(read(one.get(0).body()).string("SOPInstanceUID")).isEqualTo(value(referenced.get(3), "00081155"));

        String after = metrics();
        assertThat(counter(after, "vigie_ingest_instances_total", "source=\"stow\"", "outcome=\"stored\"")
                - counter(before, "vigie_ingest_instances_total", "source=\"stow\"", "outcome=\"stored\""))
                .isEqualTo(CASE_1.size());
        long sentBytes = CASE_1.stream().mapToLong(file -> BrokenDicom.dataSet(file).length).sum();
        assertThat(counter(after, "vigie_ingest_bytes_total", "source=\"stow\"")
                - counter(before, "vigie_ingest_bytes_total", "source=\"stow\"")).isEqualTo(sentBytes);
        assertThat(counter(after, "vigie_ingest_duration_seconds_count", "source=\"stow\"", "outcome=\"stored\""))
                .isEqualTo(CASE_1.size());
    }

    @Test
    @Order(2)
    void aRequestWithOneTruncatedInstanceStoresTheOthersAndSays202() throws Exception {
        String before = metrics();
        List<byte[]> parts = files(CASE_2.subList(0, 3));
        parts.add(1, BrokenDicom.truncatedFile(CASE_2.get(3)));

        JsonNode body = JSON.readTree(stow("/dicomweb/studies", radiologist, parts, 202).body());

        JsonNode failed = body.get("00081198").get("Value");
        assertThat(failed.size()).isEqualTo(1);
        assertThat(value(failed.get(0), "00081155")).isEqualTo(read(CASE_2.get(3)).string("SOPInstanceUID"));
        assertThat(value(failed.get(0), "00081150")).isEqualTo(CT);
        assertThat(failed.get(0).get("00081197").get("Value").get(0).asInt()).isEqualTo(0xC000);
        JsonNode referenced = body.get("00081199").get("Value");
        assertThat(referenced.size()).isEqualTo(3);
        for (int i = 0; i < 3; i++) { // in the order of the parts, the failed one left out
            DicomInstance stored = read(wado(value(referenced.get(i), "00081190")).get(0).body());
            assertThat(stored.string("InstanceNumber")).isEqualTo(read(CASE_2.get(i)).string("InstanceNumber"));
        }
        assertThat(qido("/dicomweb/studies").size()).isEqualTo(2);

        // Quarantined as received, under the token's subject for the audit trail.
        JsonNode quarantined = JSON.readTree(send(HttpRequest.newBuilder(uri("/admin/quarantine"))
                .header("Authorization", "Bearer " + token("admin")).GET(), 200).body());
        assertThat(quarantined.size()).isEqualTo(1);
        assertThat(quarantined.get(0).get("callingAeTitle").asString()).isEqualTo("dev-radiologist");
        assertThat(quarantined.get(0).get("reason").asString()).startsWith("unparseable");

        String after = metrics();
        assertThat(counter(after, "vigie_ingest_instances_total", "source=\"stow\"", "outcome=\"quarantined\"")
                - counter(before, "vigie_ingest_instances_total", "source=\"stow\"", "outcome=\"quarantined\""))
                .isEqualTo(1);
        assertThat(counter(after, "vigie_ingest_failures_total", "source=\"stow\"", "reason=\"unparseable\""))
                .isEqualTo(1);
        assertThat(counter(after, "vigie_quarantine_items")).isEqualTo(1);
    }

    @Test
    @Order(3)
    void storesIntoTheStudyOfTheUrlOnly() throws Exception {
        String case2Study = read(CASE_2.get(0)).string("StudyInstanceUID");

        JsonNode wrong = JSON.readTree(stow("/dicomweb/studies/1.2.826.0.1.3680043.2.1125.404",
                radiologist, files(CASE_2.subList(4, 6)), 409).body());
        assertThat(wrong.has("00081199")).isFalse();
        assertThat(wrong.has("00081190")).isFalse();
        JsonNode failed = wrong.get("00081198").get("Value");
        assertThat(failed.size()).isEqualTo(2);
        assertThat(failed.get(0).get("00081197").get("Value").get(0).asInt()).isEqualTo(0xA900);

        JsonNode right = JSON.readTree(stow("/dicomweb/studies/" + case2Study, radiologist,
                files(CASE_2.subList(4, 6)), 200).body());
        assertThat(right.get("00081199").get("Value").size()).isEqualTo(2);
        // The client names its study by the UID it knows; the answer points to where Vigie keeps it.
        assertThat(value(right, "00081190")).doesNotContain(case2Study)
                .isIn(qidoRetrieveUrls());
    }

    @Test
    @Order(4)
    void answersXmlWhenAskedFor() throws Exception {
        HttpResponse<byte[]> response = send(stowRequest("/dicomweb/studies", radiologist,
                files(CASE_2.subList(6, 7))).setHeader("Accept", "application/dicom+xml"), 200);

        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/dicom+xml"));
        String xml = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(xml).contains("<NativeDicomModel xmlns=\"http://dicom.nema.org/PS3.19/models/NativeDICOM\">")
                .contains("<DicomAttribute tag=\"00081199\" vr=\"SQ\"><Item number=\"1\">")
                .contains("<DicomAttribute tag=\"00081150\" vr=\"UI\"><Value number=\"1\">" + CT + "</Value>");
    }

    @Test
    @Order(5)
    void refusesWhatIsNotPart10Multipart() throws Exception {
        byte[] slice = Files.readAllBytes(CASE_2.get(7));
        problem(send(HttpRequest.newBuilder(uri("/dicomweb/studies"))
                .header("Authorization", "Bearer " + radiologist).header("Content-Type", "application/dicom")
                .POST(HttpRequest.BodyPublishers.ofByteArray(slice)), 415));
        problem(send(HttpRequest.newBuilder(uri("/dicomweb/studies"))
                .header("Authorization", "Bearer " + radiologist)
                .header("Content-Type", "multipart/related; type=\"application/dicom+json\"; boundary=b")
                .POST(HttpRequest.BodyPublishers.ofString("--b\r\n\r\n{}\r\n--b--\r\n")), 415));

        byte[] unclosed = multipart("b", List.of(slice));
        unclosed = Arrays.copyOf(unclosed, unclosed.length - "\r\n--b--\r\n".length());
        problem(send(raw(unclosed, "multipart/related; type=\"application/dicom\"; boundary=b"), 400));
        problem(send(raw("--b--\r\n".getBytes(StandardCharsets.US_ASCII),
                "multipart/related; type=\"application/dicom\"; boundary=b"), 400));
        problem(send(raw(slice, "multipart/related; type=\"application/dicom\""), 400)); // no boundary

        // Over the configured 16 MB: refused from its Content-Length alone. With Expect: 100-continue the client
        // need not send the body at all (a raw socket: Java's HttpClient waits for a 100 that never comes).
        try (Socket socket = new Socket("127.0.0.1", httpPort)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /dicomweb/studies HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: Bearer " + radiologist + "\r\n"
                    + "Content-Type: " + PART10 + "b\r\nContent-Length: " + 17 * 1024 * 1024 + "\r\n"
                    + "Expect: 100-continue\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readNBytes(400), StandardCharsets.US_ASCII);
            assertThat(response).startsWith("HTTP/1.1 413").contains("application/problem+json");
        }
        assertThat(qido("/dicomweb/studies").size()).isEqualTo(2);
    }

    @Test
    @Order(6)
    void letsRadiologistsAndAdministratorsStoreAndNoOneElse() throws Exception {
        List<byte[]> one = files(CASE_2.subList(8, 9));
        HttpRequest.Builder anonymous = HttpRequest.newBuilder(uri("/dicomweb/studies"))
                .header("Content-Type", PART10 + "b").POST(HttpRequest.BodyPublishers.ofByteArray(
                        multipart("b", one)));
        assertThat(send(anonymous, 401).headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        stow("/dicomweb/studies", token("researcher"), one, 403);

        String before = metrics();
        stow("/dicomweb/studies", token("admin"), one, 200);
        stow("/dicomweb/studies", token("admin"), one, 200); // a re-send is stored once and answered the same
        String after = metrics();
        assertThat(counter(after, "vigie_ingest_instances_total", "source=\"stow\"", "outcome=\"duplicate\"")
                - counter(before, "vigie_ingest_instances_total", "source=\"stow\"", "outcome=\"duplicate\""))
                .isEqualTo(1);
    }

    @Test
    @Order(7)
    void metricsAreOpenOnTheManagementPortOnly() throws Exception {
        assertThat(metrics()).contains("vigie_ingest_instances_total{outcome=\"stored\",source=\"dimse\"} 0.0");
        send(HttpRequest.newBuilder(uri("/actuator/prometheus")).GET(), 401);
        send(HttpRequest.newBuilder(uri("/actuator/prometheus"))
                .header("Authorization", "Bearer " + token("admin")).GET(), 403);
    }

    private HttpResponse<byte[]> stow(String path, String token, List<byte[]> parts, int expectedStatus)
            throws Exception {
        return send(stowRequest(path, token, parts), expectedStatus);
    }

    private HttpRequest.Builder stowRequest(String path, String token, List<byte[]> parts) {
        String boundary = "vigie-test-boundary";
        return HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", PART10 + boundary)
                .header("Accept", "application/dicom+json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipart(boundary, parts)));
    }

    private HttpRequest.Builder raw(byte[] body, String contentType) {
        return HttpRequest.newBuilder(uri("/dicomweb/studies"))
                .header("Authorization", "Bearer " + radiologist).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    private static byte[] multipart(String boundary, List<byte[]> parts) {
        return MultipartRelated.ofDicomFiles(boundary, parts);
    }

    private static void problem(HttpResponse<byte[]> response) {
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    /** The Prometheus text, scraped as Prometheus does: from the management port, without a token. */
    private String metrics() throws Exception {
        return new String(send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus")).GET(), 200).body(),
                StandardCharsets.UTF_8);
    }

    /** The sum of the samples of {@code name} whose labels include every one given (0 when there is none). */
    private static double counter(String prometheus, String name, String... labels) {
        return prometheus.lines()
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> List.of(labels).stream().allMatch(line::contains))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private List<String> qidoRetrieveUrls() throws Exception {
        List<String> urls = new ArrayList<>();
        qido("/dicomweb/studies").forEach(study -> urls.add(value(study, "00081190")));
        return urls;
    }

    private String token(String role) throws Exception {
        return api.token(role);
    }

    private JsonNode qido(String path) throws Exception {
        return JSON.readTree(send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + radiologist)
                .header("Accept", "application/dicom+json").GET(), 200).body());
    }

    private List<MultipartRelated.Part> wado(String url) throws Exception {
        return api.retrieveInstances(url, radiologist);
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

    private static List<byte[]> files(List<Path> paths) {
        List<byte[]> contents = new ArrayList<>();
        for (Path path : paths) {
            try {
                contents.add(Files.readAllBytes(path));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return contents;
    }

    private static DicomInstance read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return DicomInstance.readPart10(in);
        } catch (Exception e) {
            throw new AssertionError("not a readable Part 10 file: " + file, e);
        }
    }

    private static DicomInstance read(byte[] part10) {
        try {
            return DicomInstance.readPart10(new ByteArrayInputStream(part10));
        } catch (Exception e) {
            throw new AssertionError("not a readable Part 10 instance", e);
        }
    }
}
