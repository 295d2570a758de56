package io.vigie;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.config.DicomGatewayLifecycle;
import io.vigie.dicom.DicomInstance;
import io.vigie.support.ApiClient;
import io.vigie.support.VigieAppTest;
import io.vigie.testing.Dcmtk;
import io.vigie.testing.Loopback;
import io.vigie.testing.MultipartRelated;
import io.vigie.testing.Orthanc;
import io.vigie.testing.SharedData;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * DICOMweb as PS3.18 describes it, end to end: storescu pushes LIDC-IDRI-0001 (16 CT slices), then every QIDO-RS level
 * and WADO-RS resource is asked over HTTP with a token; last, Orthanc's DICOMweb plugin, as a client, lists and pulls
 * the series through Vigie's DICOMweb.
 */
@VigieAppTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DicomWebEndToEndTest {

    private static final List<Path> SLICES = SharedData.lidcSlices("LIDC-IDRI-0001");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int httpPort;

    @Autowired
    DicomGatewayLifecycle gateway;

    @Autowired
    ApiClient api;

    @Autowired
    WebServerApplicationContext server;

    private String token;
    private DicomInstance original;
    private String study;
    private String series;
    private String sop;
    private String base;

    @BeforeAll
    void pushStudy() throws Exception {
        Dcmtk.Result sent = Dcmtk.storescu("HOSPITAL_PACS", "VIGIE", gateway.port(), SLICES);
        assertThat(sent.succeeded()).as(sent.output()).isTrue();
        token = api.token("radiologist");
        try (InputStream in = Files.newInputStream(SLICES.get(5))) {
            original = DicomInstance.readPart10(in);
        }
        JsonNode match = qido("/dicomweb/instances?InstanceNumber=" + original.string("InstanceNumber"));
        assertThat(match.size()).isEqualTo(1);
        study = value(match.get(0), "0020000D");
        series = value(match.get(0), "0020000E");
        sop = value(match.get(0), "00080018");
        base = "/dicomweb/studies/" + study + "/series/" + series + "/instances/" + sop;
    }

    @Test
    void tomcatHandsTheSocketAnswersInPiecesOfTheConfiguredSize() {
        Object bytes = ((TomcatWebServer) server.getWebServer()).getTomcat().getConnector()
                .getProperty("socket.appWriteBufSize");
        assertThat(String.valueOf(bytes)).isEqualTo(Integer.toString(128 * 1024));
    }

    @Test
    void searchesEveryLevel() throws Exception {
        JsonNode studies = qido("/dicomweb/studies");
        assertThat(studies.size()).isEqualTo(1);
        assertThat(value(studies.get(0), "00081190")).endsWith("/dicomweb/studies/" + study);
        assertThat(studies.get(0).has("00100030")).isTrue(); // PatientBirthDate, required, empty

        JsonNode seriesOfStudy = qido("/dicomweb/studies/" + study + "/series");
        assertThat(seriesOfStudy.size()).isEqualTo(1);
        assertThat(number(seriesOfStudy.get(0), "00201209")).isEqualTo(SLICES.size());
        assertThat(value(seriesOfStudy.get(0), "00080060")).isEqualTo("CT");
        assertThat(value(seriesOfStudy.get(0), "00081190")).endsWith("/studies/" + study + "/series/" + series);

        JsonNode allSeries = qido("/dicomweb/series?Modality=CT");
        assertThat(allSeries.size()).isEqualTo(1);
        assertThat(value(allSeries.get(0), "0020000D")).isEqualTo(study); // not scoped: study attributes too
        assertThat(allSeries.get(0).has("00201208")).isTrue();

        assertThat(qido("/dicomweb/studies/" + study + "/series/" + series + "/instances").size())
                .isEqualTo(SLICES.size());
        assertThat(qido("/dicomweb/studies/" + study + "/instances").size()).isEqualTo(SLICES.size());
        JsonNode instances = qido("/dicomweb/instances?SOPClassUID=1.2.840.10008.5.1.4.1.1.2");
        assertThat(instances.size()).isEqualTo(SLICES.size());
        assertThat(value(instances.get(0), "00081190")).contains("/instances/");

        String other = value(instances.get(1), "00080018");
        String list = value(instances.get(0), "00080018") + "," + other;
        assertThat(qido("/dicomweb/instances?SOPInstanceUID=" + list).size()).isEqualTo(2);
        assertThat(qido("/dicomweb/studies?StudyInstanceUID=" + study + ",1.2.3").size()).isEqualTo(1);
        assertThat(qido("/dicomweb/series?SeriesInstanceUID=" + series + "&SeriesNumber="
                + number(seriesOfStudy.get(0), "00200011")).size()).isEqualTo(1);

        String pseudonym = value(studies.get(0), "00100020");
        assertThat(qido("/dicomweb/studies?PatientID=" + pseudonym.substring(0, 3) + "*").size()).isEqualTo(1);
        assertThat(qido("/dicomweb/studies?00100020=" + pseudonym.charAt(0) + "?" + pseudonym.substring(2))
                .size()).isEqualTo(1);
        assertThat(qido("/dicomweb/studies?StudyDate=19000101-20991231&ModalitiesInStudy=CT").size()).isEqualTo(1);

        // No match: 204 without a body (PS3.18 8.3.4.4.1).
        assertThat(send(authorized("/dicomweb/series?Modality=MR"), 204).body()).isEmpty();
        assertThat(send(authorized("/dicomweb/studies?PatientID=" + original.string("PatientID")), 204).body())
                .isEmpty();
    }

    @Test
    void includesFieldsAndPages() throws Exception {
        assertThat(qido("/dicomweb/studies").get(0).has("00201200")).isFalse();
        assertThat(number(qido("/dicomweb/studies?includefield=NumberOfPatientRelatedStudies").get(0), "00201200"))
                .isEqualTo(1);
        JsonNode all = qido("/dicomweb/instances?includefield=all&limit=1").get(0);
        assertThat(all.has("00201204")).isTrue();
        assertThat(all.has("0008103E")).isTrue();
        assertThat(qido("/dicomweb/studies?includefield=00100020,ReferringPhysicianName").size()).isEqualTo(1);

        HttpResponse<byte[]> first = send(authorized("/dicomweb/instances?limit=10"), 200);
        assertThat(first.headers().firstValue("Warning")).hasValueSatisfying(w -> assertThat(w).startsWith("299"));
        HttpResponse<byte[]> rest = send(authorized("/dicomweb/instances?limit=10&offset=10"), 200);
        assertThat(rest.headers().firstValue("Warning")).isEmpty();
        Set<String> uids = new HashSet<>();
        JSON.readTree(first.body()).forEach(i -> uids.add(value(i, "00080018")));
        JSON.readTree(rest.body()).forEach(i -> uids.add(value(i, "00080018")));
        assertThat(JSON.readTree(first.body()).size()).isEqualTo(10);
        assertThat(uids).hasSize(SLICES.size());

        HttpResponse<byte[]> fuzzy = send(authorized("/dicomweb/studies?fuzzymatching=true"), 200);
        assertThat(fuzzy.headers().firstValue("Warning")).hasValueSatisfying(w -> assertThat(w).contains("fuzzy"));
    }

    @Test
    void refusesQueriesItCannotAnswer() throws Exception {
        for (String query : List.of("/dicomweb/studies?PatientsMothersName=X", "/dicomweb/studies?Modality=CT",
                "/dicomweb/instances?SOPInstanceUID=not-a-uid", "/dicomweb/studies?StudyDate=yesterday",
                "/dicomweb/series?SeriesNumber=one", "/dicomweb/studies?limit=-1",
                "/dicomweb/studies?includefield=NoSuchKeyword")) {
            HttpResponse<byte[]> bad = send(authorized(query), 400);
            assertThat(bad.headers().firstValue("Content-Type")).as(query)
                    .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        }
    }

    @Test
    void servesMetadataAsDicomJsonWithBulkDataUris() throws Exception {
        JsonNode seriesMetadata = JSON.readTree(send(authorized("/dicomweb/studies/" + study + "/series/" + series
                + "/metadata").header("Accept", "application/dicom+json"), 200).body());
        assertThat(seriesMetadata.size()).isEqualTo(SLICES.size());
        String pseudonym = value(qido("/dicomweb/studies").get(0), "00100020");
        for (JsonNode instance : seriesMetadata) {
            assertThat(value(instance, "00100020")).isEqualTo(pseudonym);
            JsonNode pixelData = instance.get("7FE00010");
            assertThat(pixelData.get("vr").asString()).isIn("OW", "OB");
            assertThat(pixelData.has("InlineBinary")).isFalse();
            assertThat(pixelData.get("BulkDataURI").asString()).startsWith("http://127.0.0.1:" + httpPort
                    + "/dicomweb/studies/" + study + "/series/" + series + "/instances/");
            assertThat(instance.get("00280010").get("Value").get(0).asInt()).isEqualTo(512); // Rows, a number
        }
        // Kept from the first read: the second answer is the same document.
        JsonNode again = JSON.readTree(send(authorized("/dicomweb/studies/" + study + "/series/" + series
                + "/metadata"), 200).body());
        assertThat(again).isEqualTo(seriesMetadata);
        assertThat(JSON.readTree(send(authorized("/dicomweb/studies/" + study + "/metadata"), 200).body()).size())
                .isEqualTo(SLICES.size());

        JsonNode one = JSON.readTree(send(authorized(base + "/metadata"), 200).body());
        assertThat(one.size()).isEqualTo(1);
        assertThat(value(one.get(0), "00080018")).isEqualTo(sop);
        String bulkDataUri = one.get(0).get("7FE00010").get("BulkDataURI").asString();
        List<MultipartRelated.Part> bulk = multipart(send(HttpRequest.newBuilder(URI.create(bulkDataUri))
                .header("Authorization", "Bearer " + token).GET(), 200));
        assertThat(bulk).hasSize(1);
        assertThat(bulk.get(0).body()).isEqualTo(original.bytes("PixelData"));

        send(authorized("/dicomweb/studies/1.2.3/metadata"), 404);
        send(authorized(base + "/metadata").header("Accept", "image/png"), 406);
    }

    @Test
    void servesTheOriginalFrameBytes() throws Exception {
        List<MultipartRelated.Part> frames = multipart(send(authorized(base + "/frames/1")
                .header("Accept", "multipart/related; type=\"application/octet-stream\""), 200));
        assertThat(frames).hasSize(1);
        assertThat(frames.get(0).headers()).contains("application/octet-stream");
        assertThat(frames.get(0).body()).isEqualTo(original.bytes("PixelData"));
        assertThat(multipart(send(authorized(base + "/frames/1"), 200)).get(0).body())
                .isEqualTo(original.bytes("PixelData"));

        send(authorized(base + "/frames/2"), 404);
        send(authorized(base + "/frames/zero"), 400);
        send(authorized(base + "/frames/1").header("Accept", "image/jpeg"), 406);
        send(authorized(base + "/frames/1").header("Accept",
                "multipart/related; type=\"application/octet-stream\"; transfer-syntax=1.2.840.10008.1.2.4.50"), 406);
    }

    @Test
    void rendersFramesAsPngOrJpeg() throws Exception {
        BufferedImage png = image(send(authorized(base + "/rendered"), 200), "image/png");
        assertThat(png.getWidth()).isEqualTo(512);
        assertThat(png.getHeight()).isEqualTo(512);
        BufferedImage lung = image(send(authorized(base + "/frames/1/rendered?window=-600,1500,linear")
                .header("Accept", "image/png"), 200), "image/png");
        assertThat(lung.getWidth()).isEqualTo(512);
        assertThat(lung.getRGB(256, 256)).isNotEqualTo(lung.getRGB(0, 0)); // not one flat grey
        BufferedImage jpeg = image(send(authorized(base + "/rendered").header("Accept", "image/jpeg"), 200),
                "image/jpeg");
        assertThat(jpeg.getHeight()).isEqualTo(512);

        send(authorized(base + "/rendered?window=wide"), 400);
        send(authorized(base + "/rendered?window=40,400,sigmoid"), 400);
        send(authorized(base + "/rendered").header("Accept", "application/pdf"), 406);
        send(authorized(base + "/frames/3/rendered"), 404);
        send(authorized("/dicomweb/studies/" + study + "/series/" + series + "/instances/1.2.3/rendered"), 404);
    }

    @Test
    void orthancListsAndRetrievesASeriesThroughVigiesDicomWeb(@TempDir Path folder) throws Exception {
        Map<String, Object> dicomWeb = Map.of("Enable", true, "Root", "/dicom-web/", "Servers", Map.of("vigie",
                Map.of("Url", "http://127.0.0.1:" + httpPort + "/dicomweb/",
                        "HttpHeaders", Map.of("Authorization", "Bearer " + token))));
        try (Orthanc orthanc = Orthanc.start(folder, "ORTHANC", Loopback.freePort(), Map.of(), Map.of(
                "Plugins", List.of("/usr/share/orthanc/plugins/libOrthancDicomWeb.so"), "DicomWeb", dicomWeb))) {
            JsonNode studies = orthanc.post("/dicom-web/servers/vigie/get", Map.of("Uri", "/studies"));
            assertThat(studies.size()).isEqualTo(1);
            assertThat(value(studies.get(0), "0020000D")).isEqualTo(study);
            JsonNode seriesList = orthanc.post("/dicom-web/servers/vigie/get",
                    Map.of("Uri", "/studies/" + study + "/series"));
            assertThat(value(seriesList.get(0), "0020000E")).isEqualTo(series);

            orthanc.post("/dicom-web/servers/vigie/retrieve",
                    Map.of("Resources", List.of(Map.of("Study", study, "Series", series))));
            assertThat(orthanc.get("/instances").size()).isEqualTo(SLICES.size());
        }
    }

    private JsonNode qido(String path) throws Exception {
        return JSON.readTree(send(authorized(path).header("Accept", "application/dicom+json"), 200).body());
    }

    private HttpRequest.Builder authorized(String path) {
        return api.authorized(path, token);
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request, int expectedStatus) throws Exception {
        return api.send(request, expectedStatus);
    }

    private static List<MultipartRelated.Part> multipart(HttpResponse<byte[]> response) {
        String type = response.headers().firstValue("Content-Type").orElseThrow();
        assertThat(type).startsWith("multipart/related").contains("application/octet-stream");
        return MultipartRelated.parse(type, response.body());
    }

    private static BufferedImage image(HttpResponse<byte[]> response, String type) throws Exception {
        assertThat(response.headers().firstValue("Content-Type")).hasValue(type);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(response.body()));
        assertThat(image).as("decodable " + type).isNotNull();
        return image;
    }

    private URI uri(String path) {
        return api.uri(path);
    }

    private static String value(JsonNode dataSet, String tag) {
        return dataSet.get(tag).get("Value").get(0).asString();
    }

    private static int number(JsonNode dataSet, String tag) {
        return dataSet.get(tag).get("Value").get(0).asInt();
    }
}
