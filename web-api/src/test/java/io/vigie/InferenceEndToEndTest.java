package io.vigie;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.archive.Archive;
import io.vigie.archive.StudyQuery;
import io.vigie.archive.jobs.Job;
import io.vigie.archive.jobs.JobQueue;
import io.vigie.archive.jobs.JobState;
import io.vigie.config.DicomGatewayLifecycle;
import io.vigie.support.ApiClient;
import io.vigie.support.VigieAppTest;
import io.vigie.testing.Dcmtk;
import io.vigie.testing.SharedData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Detection end to end, every role in one process with the committed model: dcmtk's storescu pushes LIDC-IDRI-0001's
 * 16 CT slices and, with no other action, the series is announced complete (2 s quiet period here), a detection
 * worker analyses it with the real detector, the SR and SEG are archived in the study (found by QIDO-RS, the SR's
 * tracking UIDs those the API lists), the most probable finding is the case's real nodule, and a radiologist reads
 * and reviews the findings through the API.
 *
 * <p>Runs the model committed in the repository's {@code models/} ({@code -Dvigie.test.models-dir} for another).
 */
@VigieAppTest(properties = {"vigie.roles=ingest,api,inference",
        "vigie.ingest.series-quiet-period=2s", "vigie.ingest.series-check-interval=200ms",
        "vigie.inference.workers=1", "vigie.inference.poll-interval=200ms"})
class InferenceEndToEndTest {

    private static final String MODEL = "lung-nodule:1";
    private static final String COMPREHENSIVE_3D_SR = "1.2.840.10008.5.1.4.1.1.88.34";
    private static final Duration ANALYSIS_WAIT = Duration.ofMinutes(3);

    private static Path modelsDir() {
        return Path.of(System.getProperty("vigie.test.models-dir", "../models"));
    }

    @BeforeAll
    static void oneThread() {
        // One oneDNN thread, as for training: the result must not depend on the machine's thread count.
        System.setProperty("ai.djl.pytorch.num_threads", "1");
    }

    @DynamicPropertySource
    static void model(DynamicPropertyRegistry registry) {
        registry.add("vigie.inference.models-dir", () -> modelsDir().toAbsolutePath().toString());
        registry.add("vigie.inference.model", () -> MODEL);
    }

    @Autowired
    ApiClient api;

    @LocalManagementPort
    int managementPort;

    @Autowired
    DicomGatewayLifecycle gateway;

    @Autowired
    Archive archive;

    @Autowired
    JobQueue jobs;

    @Test
    void pushedCtIsAnalysedAndItsFindingsSrAndSegReachTheRadiologist() throws Exception {
        Dcmtk.Result sent = Dcmtk.storescu("HOSPITAL_PACS", "VIGIE", gateway.port(),
                SharedData.lidcSlices("LIDC-IDRI-0001"));
        assertThat(sent.succeeded()).as(sent.output()).isTrue();
        String study = archive.findStudies(StudyQuery.all()).get(0).studyInstanceUid();
        String series = archive.findInstances(study, null, null).get(0).seriesInstanceUid();

        JsonNode result = awaitAnalysis(api, study, series);
        JsonNode analysis = result.get("analyses").get(0);
        assertThat(analysis.get("status").asString()).as(analysis.toString()).isEqualTo("analysed");
        assertThat(analysis.get("model").asString()).isEqualTo(MODEL);
        assertThat(analysis.get("seriesRevision").asInt()).isEqualTo(16);
        assertThat(analysis.get("timingsMs").propertyNames()).containsExactlyInAnyOrder("load", "preprocess",
                "model", "post");
        String srUid = analysis.get("srSopInstanceUid").asString();
        assertThat(result.get("total").asInt()).isEqualTo(analysis.get("findingCount").asInt())
                .isEqualTo(result.get("findings").size());

        Job job = jobs.forSeries(series).get(0);
        assertThat(job.state()).isEqualTo(JobState.DONE);
        assertThat(job.attempts()).isEqualTo(1);

        // The SR is in the archive, in the study, found by QIDO-RS like any instance; the SEG too when findings.
        JsonNode srSeries = ApiClient.json(api.get("/dicomweb/studies/" + study + "/series?Modality=SR",
                "radiologist"));
        assertThat(srSeries.size()).isEqualTo(1);
        String srSeriesUid = srSeries.get(0).get("0020000E").get("Value").get(0).asString();
        JsonNode srInstances = ApiClient.json(api.get("/dicomweb/studies/" + study + "/series/" + srSeriesUid
                + "/instances", "radiologist"));
        assertThat(srInstances.size()).isEqualTo(1);
        assertThat(srInstances.get(0).get("00080018").get("Value").get(0).asString()).isEqualTo(srUid);
        assertThat(srInstances.get(0).get("00080016").get("Value").get(0).asString()).isEqualTo(COMPREHENSIVE_3D_SR);
        assertThat(jobs.forSeries(srSeriesUid)).as("a derived series triggers no detection").isEmpty();

        // Each finding the API lists is a measurement group of the SR, under the same tracking UID.
        String srMetadata = api.get("/dicomweb/studies/" + study + "/series/" + srSeriesUid + "/instances/" + srUid
                + "/metadata", "radiologist").body();
        for (JsonNode finding : result.get("findings")) {
            assertThat(srMetadata).contains(finding.get("trackingUid").asString());
        }
        // The real nodule of LIDC-IDRI-0001 (LUNA16: x 56.2, y 86.3, z -115.9 mm, about 23 mm) is the most probable
        // finding: the de-identified archive kept the geometry, and the worker reports it in patient coordinates.
        int findings = result.get("findings").size();
        assertThat(findings).isPositive();
        JsonNode first = result.get("findings").get(0);
        JsonNode centre = first.get("centreMm");
        double distance = Math.sqrt(Math.pow(centre.get(0).asDouble() - 56.2, 2)
                + Math.pow(centre.get(1).asDouble() - 86.3, 2) + Math.pow(centre.get(2).asDouble() + 115.9, 2));
        assertThat(distance).as("distance to the LUNA16 nodule, mm: " + first).isLessThan(10);
        assertThat(first.get("diameterMm").asDouble()).isBetween(15.0, 35.0);
        if (findings > 0) {
            assertThat(ApiClient.json(api.get("/dicomweb/studies/" + study + "/series?Modality=SEG",
                    "radiologist")).size()).isEqualTo(1);
            String trackingUid = result.get("findings").get(0).get("trackingUid").asString();
            HttpResponse<String> reviewed = api.postJson("/api/findings/" + trackingUid + "/review", "radiologist",
                    "{\"decision\": \"confirmed\"}");
            assertThat(reviewed.statusCode()).as(reviewed.body()).isEqualTo(200);
            assertThat(ApiClient.json(reviewed).get("reviewStatus").asString()).isEqualTo("confirmed");
        }
        assertThat(analysedJobsCounted()).as("vigie_detection_jobs_seconds_count{outcome=analysed}").isEqualTo(1);
        System.out.printf("LIDC-IDRI-0001 analysed by %s: %d finding(s), the first %s; timings %s ms%n", MODEL,
                findings, first, analysis.get("timingsMs"));
    }

    /** The detection jobs counted as analysed, as Prometheus scrapes them (recorded just after the job is done). */
    private double analysedJobsCounted() throws Exception {
        String sample = "vigie_detection_jobs_seconds_count{outcome=\"analysed\"} ";
        double counted = 0;
        for (int i = 0; i < 50 && counted == 0; i++) {
            String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            counted = metrics.lines().filter(line -> line.startsWith(sample))
                    .mapToDouble(line -> Double.parseDouble(line.substring(sample.length()))).sum();
            Thread.sleep(100);
        }
        return counted;
    }

    /** The study's findings once the series' analysis is recorded (the job failing would show as its last error). */
    private JsonNode awaitAnalysis(ApiClient api, String study, String series) throws Exception {
        long deadline = System.nanoTime() + ANALYSIS_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = api.get("/api/studies/" + study + "/findings", "radiologist");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode body = ApiClient.json(response);
            if (!body.get("analyses").isEmpty()) {
                return body;
            }
            List<Job> seriesJobs = jobs.forSeries(series);
            assertThat(seriesJobs).as("the detection job failed").noneMatch(j -> j.state() == JobState.DEAD);
            Thread.sleep(250);
        }
        throw new AssertionError("no analysis within " + ANALYSIS_WAIT + "; jobs: " + jobs.forSeries(series));
    }
}
