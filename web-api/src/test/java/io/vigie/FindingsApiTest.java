package io.vigie;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.archive.Archive;
import io.vigie.archive.StudyQuery;
import io.vigie.archive.audit.AuditEventType;
import io.vigie.archive.audit.AuditRecord;
import io.vigie.config.DicomGatewayLifecycle;
import io.vigie.inference.findings.AnalysisResult;
import io.vigie.inference.findings.AnalysisStatus;
import io.vigie.inference.findings.FindingsStore;
import io.vigie.inference.findings.ModelVersion;
import io.vigie.inference.findings.TrackedFinding;
import io.vigie.support.ApiClient;
import io.vigie.support.LastAuditEvent;
import io.vigie.support.VigieAppTest;
import io.vigie.testing.Dcmtk;
import io.vigie.testing.SharedData;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The findings API on a pushed CT series whose analysis is recorded as a worker records it (FindingsStore; the
 * workers themselves run in InferenceEndToEndTest): paging, the series' analysis and job, review with its audit
 * event, and RFC 9457 problems for what is unknown or malformed.
 */
@VigieAppTest(properties = "vigie.roles=ingest,api")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FindingsApiTest {

    private static final ModelVersion MODEL = new ModelVersion("lung-nodule", "1");

    @Autowired
    ApiClient api;

    @Autowired
    DicomGatewayLifecycle gateway;

    @Autowired
    Archive archive;

    @Autowired
    FindingsStore findings;

    @Autowired
    LastAuditEvent audit;

    private String study;
    private String series;

    @BeforeAll
    void pushAndRecordAnAnalysis() {
        Dcmtk.Result sent = Dcmtk.storescu("HOSPITAL_PACS", "VIGIE", gateway.port(),
                SharedData.lidcSlices("LIDC-IDRI-0001"));
        assertThat(sent.succeeded()).as(sent.output()).isTrue();
        study = archive.findStudies(StudyQuery.all()).get(0).studyInstanceUid();
        series = archive.findInstances(study, null, null).get(0).seriesInstanceUid();
        findings.record(new AnalysisResult(series, 16, MODEL, AnalysisStatus.ANALYSED, null, "2.25.11", "2.25.12",
                Map.of("load", 120L, "preprocess", 300L, "model", 900L, "post", 80L),
                List.of(new TrackedFinding("2.25.101", "Nodule 1", 56.2, 86.3, -115.9, 23.4, 6709, 0.97),
                        new TrackedFinding("2.25.102", "Nodule 2", -80, 40, -150, 5.1, 69, 0.61),
                        new TrackedFinding("2.25.103", "Nodule 3", 90, 20, -120, 4.2, 39, 0.55))));
    }

    @Test
    void aStudysFindingsArePagedWithTheirAnalysis() throws Exception {
        HttpResponse<String> page = api.get("/api/studies/" + study + "/findings?limit=2", "radiologist");
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        JsonNode body = ApiClient.json(page);
        assertThat(body.get("total").asInt()).isEqualTo(3);
        assertThat(body.get("findings").size()).isEqualTo(2);
        JsonNode first = body.get("findings").get(0);
        assertThat(first.get("trackingUid").asString()).isEqualTo("2.25.101");
        assertThat(first.get("model").asString()).isEqualTo("lung-nodule:1");
        assertThat(first.get("srSopInstanceUid").asString()).isEqualTo("2.25.11");
        assertThat(first.get("centreMm").get(2).asDouble()).isEqualTo(-115.9);
        JsonNode analysis = body.get("analyses").get(0);
        assertThat(analysis.get("status").asString()).isEqualTo("analysed");
        assertThat(analysis.get("findingCount").asInt()).isEqualTo(3);
        assertThat(analysis.get("timingsMs").get("model").asInt()).isEqualTo(900);

        JsonNode rest = ApiClient.json(api.get("/api/studies/" + study + "/findings?limit=2&offset=2",
                "radiologist"));
        assertThat(rest.get("findings").size()).isEqualTo(1);
        assertThat(rest.get("findings").get(0).get("trackingUid").asString()).isEqualTo("2.25.103");

        JsonNode seriesAnalysis = ApiClient.json(api.get("/api/series/" + series + "/analysis", "radiologist"));
        assertThat(seriesAnalysis.get("analyses").get(0).get("findings").size()).isEqualTo(3);
        assertThat(seriesAnalysis.get("jobs").size()).as("no job yet: the quiet period is 30 s").isZero();
        AuditRecord read = lastAuditEvent("GET /api/series/");
        assertThat(read.event().type()).isEqualTo(AuditEventType.QUERY);
        assertThat(read.event().studyInstanceUid()).as("the study of the series").isEqualTo(study);
    }

    @Test
    void aReviewIsRecordedWithItsReviewerAndAudited() throws Exception {
        HttpResponse<String> reviewed = api.postJson("/api/findings/2.25.102/review", "radiologist",
                "{\"decision\": \"rejected\"}");
        assertThat(reviewed.statusCode()).as(reviewed.body()).isEqualTo(200);
        JsonNode finding = ApiClient.json(reviewed);
        assertThat(finding.get("reviewStatus").asString()).isEqualTo("rejected");
        assertThat(finding.get("reviewedBy").asString()).isEqualTo(api.subject("radiologist"));
        assertThat(findings.finding("2.25.102").orElseThrow().reviewStatus()).isEqualTo("rejected");

        AuditRecord event = lastAuditEvent("POST /api/findings/");
        assertThat(event.event().type()).isEqualTo(AuditEventType.PROCEDURE_RECORD);
        assertThat(event.event().httpStatus()).isEqualTo(200);
        assertThat(event.event().studyInstanceUid()).isEqualTo(study);
        assertThat(event.event().detail()).contains("rejected", "2.25.102", "Nodule 2");
    }

    @Test
    void whatIsUnknownOrMalformedIsAProblem() throws Exception {
        problem(api.get("/api/studies/1.2.3.404/findings", "radiologist"), 404);
        problem(api.get("/api/series/1.2.3.404/analysis", "radiologist"), 404);
        problem(api.get("/api/studies/" + study + "/findings?limit=0", "radiologist"), 400);
        problem(api.get("/api/studies/" + study + "/findings?offset=-1", "radiologist"), 400);
        problem(api.postJson("/api/findings/2.25.101/review", "radiologist", "{\"decision\": \"maybe\"}"), 400);
        problem(api.postJson("/api/findings/2.25.404/review", "radiologist", "{\"decision\": \"confirmed\"}"), 404);
        problem(api.postJson("/api/findings/2.25.101/review", "radiologist", "not json"), 400);
        problem(api.get("/api/studies/" + study + "/findings", "researcher"), 403);
        // Another site's radiologist does not find this site's study, series or findings.
        problem(api.get("/api/studies/" + study + "/findings", "radiologist@nord"), 404);
        problem(api.get("/api/series/" + series + "/analysis", "radiologist@nord"), 404);
        problem(api.postJson("/api/findings/2.25.101/review", "radiologist@nord", "{\"decision\": \"rejected\"}"),
                404);
        assertThat(findings.finding("2.25.101").orElseThrow().reviewStatus()).isEqualTo("pending");
    }

    private static void problem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = ApiClient.json(response);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("detail").asString()).isNotBlank().doesNotContain("Exception");
    }

    private AuditRecord lastAuditEvent(String requestStart) throws InterruptedException {
        return audit.await(event -> event.request().startsWith(requestStart), requestStart);
    }
}
