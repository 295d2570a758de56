package io.vigie.research;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import io.vigie.archive.Archive;
import io.vigie.archive.StoredInstance;
import io.vigie.archive.StudyQuery;
import io.vigie.archive.StudySummary;
import io.vigie.archive.audit.AuditEventType;
import io.vigie.archive.audit.AuditRecord;
import io.vigie.config.DicomGatewayLifecycle;
import io.vigie.dicom.DicomInstance;
import io.vigie.security.DevTokenIssuer;
import io.vigie.security.Roles;
import io.vigie.support.ApiClient;
import io.vigie.support.LastAuditEvent;
import io.vigie.support.VigieAppTest;
import io.vigie.testing.Dcmtk;
import io.vigie.testing.SharedData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.function.Function;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two sites behind one Vigie: LIDC-IDRI-0001 arrives from an unknown PACS (the default site, {@code site-a}, which
 * consented to research), LIDC-IDRI-0002 from {@code PACS_B} ({@code site-b}, which did not). Then site membership in
 * DICOMweb, the research API (filters, paging, small-cell suppression, export), pseudonym resolution and the OpenAPI
 * document, each over HTTP with development tokens, on findings rows written as the detection worker writes them.
 */
@VigieAppTest(properties = {
        "vigie.deidentification.site-id=site-a", "vigie.sites.site-a.research-consent=true",
        "vigie.dicom.peers[0].ae-title=PACS_B", "vigie.dicom.peers[0].allowed-hosts[0]=127.0.0.1",
        "vigie.dicom.peers[0].site=site-b"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecuredApiEndToEndTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String MODEL = "test-detector";

    @Autowired
    ApiClient api;

    @LocalManagementPort
    int managementPort;

    @Autowired
    DicomGatewayLifecycle gateway;

    @Autowired
    Archive archive;

    @Autowired
    LastAuditEvent audit;

    @Autowired
    DevTokenIssuer issuer;

    @Autowired
    DataSource dataSource;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private StudySummary studyA;
    private StudySummary studyB;
    private String seriesA;
    private String seriesB;
    private List<String> originals;
    private String radiologistA;
    private String radiologistB;
    private String researcher;
    private String admin;

    @BeforeAll
    void twoSitesPushTheirCases() throws Exception {
        List<Path> caseA = SharedData.lidcSlices("LIDC-IDRI-0001");
        List<Path> caseB = SharedData.lidcSlices("LIDC-IDRI-0002");
        Dcmtk.Result sentA = Dcmtk.storescu("HOSPITAL_PACS", "VIGIE", gateway.port(), caseA);
        assertThat(sentA.succeeded()).as(sentA.output()).isTrue();
        Dcmtk.Result sentB = Dcmtk.storescu("PACS_B", "VIGIE", gateway.port(), caseB);
        assertThat(sentB.succeeded()).as(sentB.output()).isTrue();
        List<StudySummary> studies = archive.findStudies(StudyQuery.all());
        assertThat(studies).hasSize(2);
        studyA = studies.stream().filter(s -> s.numberOfInstances() == caseA.size()).findFirst().orElseThrow();
        studyB = studies.stream().filter(s -> s.numberOfInstances() == caseB.size()).findFirst().orElseThrow();
        seriesA = archive.findInstances(studyA.studyInstanceUid(), null, null).get(0).seriesInstanceUid();
        seriesB = archive.findInstances(studyB.studyInstanceUid(), null, null).get(0).seriesInstanceUid();
        originals = new ArrayList<>(originals(caseA.get(0)));
        originals.addAll(originals(caseB.get(0)));

        ResearchRows.insertFinding(dataSource, seriesA, MODEL, 23.0, "confirmed");
        ResearchRows.insertFinding(dataSource, seriesA, MODEL, 6.0, "rejected");
        ResearchRows.insertFinding(dataSource, seriesA, MODEL, 11.0);
        ResearchRows.insertFinding(dataSource, seriesB, MODEL, 15.0);

        radiologistA = issuer.issue("radiologist-a", Roles.RADIOLOGIST, "site-a", Duration.ofHours(1));
        radiologistB = issuer.issue("radiologist-b", Roles.RADIOLOGIST, "site-b", Duration.ofHours(1));
        researcher = issuer.issue("researcher-x", Roles.RESEARCHER, "university", Duration.ofHours(1));
        admin = issuer.issue("admin-a", Roles.ADMIN, "site-a", Duration.ofHours(1));
    }

    /**
     * What Tomcat or the security firewall refuses before any controller runs, and {@code /error} asked directly,
     * are RFC 9457 problems like every other error: never Tomcat's HTML page nor Spring Boot's own JSON.
     */
    @Test
    void requestsRefusedBeforeTheApplicationAreProblemsToo() throws Exception {
        String token = api.token("radiologist");
        assertRefusalsAreProblems("/dicomweb/studies", path -> api.authorized(path, token));
    }

    /**
     * The same on the management port, whose server Spring Boot builds apart from the API's (a context and a
     * Tomcat of its own): before {@code ManagementServerProblems}, Spring Boot's JSON (a 200 for {@code /error})
     * and Tomcat's HTML page.
     */
    @Test
    void theManagementPortAnswersItsErrorsAsProblemsToo() throws Exception {
        assertRefusalsAreProblems("/actuator/health", this::onManagementPort);
        // What the port is for still works.
        HttpResponse<byte[]> health = api.send(onManagementPort("/actuator/health"));
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(new String(health.body(), StandardCharsets.UTF_8)).contains("\"status\":\"UP\"");
    }

    /** Requests around {@code path} that Tomcat or the firewall refuses, {@code /error} and TRACE: all problems. */
    private void assertRefusalsAreProblems(String path, Function<String, HttpRequest.Builder> request)
            throws Exception {
        Map<String, Integer> refused = new LinkedHashMap<>();
        refused.put(path + "%2F1", 400); // Tomcat: an encoded slash
        refused.put(path + "?" + "q".repeat(20_000) + "=1", 400); // Tomcat: request line over the limit
        refused.put(path.replace("/", "//"), 400); // the firewall: empty path segments
        refused.put(path + ";jsessionid=1", 400); // the firewall: a path parameter
        refused.put("/error", 404);
        for (Map.Entry<String, Integer> refusal : refused.entrySet()) {
            HttpResponse<byte[]> response = api.send(request.apply(refusal.getKey()));
            assertProblem(refusal.getKey(), response, refusal.getValue());
            assertThat(new String(response.body(), StandardCharsets.UTF_8)).as(refusal.getKey())
                    .doesNotContain("Tomcat", "timestamp", "Exception", "\tat ");
        }
        assertProblem("TRACE " + path, api.send(request.apply(path)
                .method("TRACE", HttpRequest.BodyPublishers.noBody())), 405);
    }

    private HttpRequest.Builder onManagementPort(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path));
    }

    @Test
    void eachStudyRecordsTheSiteItCameFrom() {
        assertThat(archive.siteOfStudy(studyA.studyInstanceUid())).hasValue("site-a");
        assertThat(archive.siteOfStudy(studyB.studyInstanceUid())).hasValue("site-b");
    }

    @Test
    void aRadiologistOfSiteBFindsNoStudyOfSiteA() throws Exception {
        String a = studyA.studyInstanceUid();
        String b = studyB.studyInstanceUid();
        // (Other tests add index-only studies to both sites: each site's list holds its own, never the other's.)
        assertThat(studyUids(get("/dicomweb/studies?limit=1000", radiologistB))).contains(b).doesNotContain(a);
        assertThat(studyUids(get("/dicomweb/studies?limit=1000", radiologistA))).contains(a).doesNotContain(b);
        assertThat(studyUids(get("/dicomweb/studies?limit=1000", admin))).contains(a, b);
        assertThat(get("/dicomweb/studies?StudyInstanceUID=" + a, radiologistB).statusCode()).isEqualTo(204);
        assertThat(get("/dicomweb/studies/" + a + "/series", radiologistB).statusCode()).isEqualTo(204);
        assertThat(get("/dicomweb/series?PatientID=" + studyA.patientId(), radiologistB).statusCode()).isEqualTo(204);

        StoredInstance instance = archive.findInstances(a, null, null).get(0);
        String instancePath = "/dicomweb/studies/" + a + "/series/" + instance.seriesInstanceUid() + "/instances/"
                + instance.sopInstanceUid();
        for (String path : List.of("/dicomweb/studies/" + a, "/dicomweb/studies/" + a + "/metadata", instancePath,
                instancePath + "/metadata", instancePath + "/rendered", instancePath + "/frames/1/rendered")) {
            assertThat(get(path, radiologistA).statusCode()).as(path + " at site A").isEqualTo(200);
            HttpResponse<byte[]> other = get(path, radiologistB);
            // 404 like a study that does not exist, not 403: that it exists does not leak.
            assertProblem(path + " from site B", other, 404);
            HttpResponse<byte[]> unknown = get(path.replace(a, a + "9"), radiologistB);
            assertProblem(path + " unknown", unknown, 404);
        }
        assertThat(problem(get("/dicomweb/studies/" + a, radiologistB)).get("detail").asString())
                .isEqualTo("no study " + a + " in the archive");
    }

    @Test
    void aResearcherSeesTheConsentingSitesOnly() throws Exception {
        String a = studyA.studyInstanceUid();
        String b = studyB.studyInstanceUid();
        assertThat(studyUids(get("/dicomweb/studies?limit=1000", researcher))).contains(a).doesNotContain(b);
        assertThat(get("/dicomweb/studies/" + a + "/metadata", researcher).statusCode()).isEqualTo(200);
        assertProblem("site B's study to a researcher", get("/dicomweb/studies/" + b, researcher), 404);

        JsonNode findings = json(get("/api/research/findings?model=" + MODEL, researcher));
        assertThat(findings.get("findings")).hasSize(3);
        findings.get("findings").forEach(f -> {
            assertThat(f.get("site").asString()).isEqualTo("site-a");
            assertThat(f.get("studyInstanceUid").asString()).isEqualTo(a);
        });
        assertThat(json(get("/api/research/findings?model=" + MODEL, admin)).get("findings")).hasSize(4);
    }

    @Test
    void findingsAreFilteredAndPaged() throws Exception {
        assertThat(diameters("minDiameterMm=10&maxDiameterMm=20")).containsExactly(11.0);
        assertThat(diameters("minDiameterMm=10")).containsExactlyInAnyOrder(23.0, 11.0);
        assertThat(diameters("reviewStatus=confirmed")).containsExactly(23.0);
        assertThat(diameters("type=nodule")).hasSize(3);
        assertThat(diameters("type=mass")).isEmpty();
        assertThat(diameters("modelVersion=2.0")).isEmpty();

        JsonNode finding = json(get("/api/research/findings?model=" + MODEL + "&reviewStatus=confirmed", researcher))
                .get("findings").get(0);
        assertThat(finding.get("dayOffset").asInt()).isZero(); // the patient's only study is their first
        assertThat(finding.get("patientPseudonym").asString()).isEqualTo(studyA.patientId());
        assertThat(finding.has("reviewedBy")).isFalse();
        assertThat(finding.has("createdAt")).isFalse();

        // Paging: one at a time, following next until there is none.
        List<Double> paged = new ArrayList<>();
        String next = "/api/research/findings?model=" + MODEL + "&limit=1";
        while (next != null) {
            JsonNode page = json(get(next, researcher));
            assertThat(page.get("findings").size()).isLessThanOrEqualTo(1);
            page.get("findings").forEach(f -> paged.add(f.get("diameterMm").asDouble()));
            next = page.get("next").isNull() ? null
                    : URI.create(page.get("next").asString()).getRawPath() + "?"
                            + URI.create(page.get("next").asString()).getRawQuery();
            assertThat(paged.size()).isLessThanOrEqualTo(3);
        }
        assertThat(paged).containsExactlyInAnyOrder(23.0, 6.0, 11.0);

        assertThat(problem(get("/api/research/findings?minDiameterMm=abc", researcher)).get("detail").asString())
                .contains("minDiameterMm");
        for (String bad : List.of("minDiameterMm=abc", "limit=0", "limit=100000", "offset=-1",
                "reviewStatus=maybe", "minDiameterMm=20&maxDiameterMm=10", "fromDay=-3", "fromDay=9&toDay=2")) {
            assertProblem(bad, get("/api/research/findings?" + bad, researcher), 400);
        }
    }

    @Test
    void daysCountFromEachPatientsFirstStudy() throws Exception {
        ResearchRows.insertPatients(dataSource, "site-a", 3, "days-model", 120);
        JsonNode all = json(get("/api/research/findings?model=days-model", researcher)).get("findings");
        assertThat(all).hasSize(6);
        List<Integer> days = new ArrayList<>();
        all.forEach(f -> days.add(f.get("dayOffset").asInt()));
        assertThat(days).containsExactlyInAnyOrder(0, 0, 0, 120, 120, 120);
        assertThat(json(get("/api/research/findings?model=days-model&fromDay=100", researcher)).get("findings"))
                .hasSize(3).allSatisfy(f -> assertThat(f.get("dayOffset").asInt()).isEqualTo(120));
        assertThat(json(get("/api/research/findings?model=days-model&toDay=119", researcher)).get("findings"))
                .hasSize(3);
        String body = new String(get("/api/research/findings?model=days-model", researcher).body(),
                StandardCharsets.UTF_8);
        assertThat(body).doesNotContain("2001-", "20010101"); // the (shifted) dates themselves never appear
    }

    @Test
    void countsOfFewerThanTenPatientsAreSuppressedAndOthersRounded() throws Exception {
        JsonNode few = json(get("/api/research/cohort/counts?model=" + MODEL, researcher));
        for (String count : List.of("patients", "studies", "series", "findings")) {
            assertThat(few.get(count).asString()).as(count).isEqualTo("<10");
        }

        ResearchRows.insertPatients(dataSource, "site-a", 12, "cohort-model", 30);
        JsonNode many = json(get("/api/research/cohort/counts?model=cohort-model", researcher));
        assertThat(many.get("patients").asInt()).isEqualTo(10); // 12, to the nearest 5
        assertThat(many.get("studies").asInt()).isEqualTo(25); // 24
        assertThat(many.get("series").asInt()).isEqualTo(25);
        assertThat(many.get("findings").asInt()).isEqualTo(25);
        // The 12 patients' second studies hold the 12 mm findings: 12 patients again, but a narrower cohort of 8
        // would have been suppressed whatever its studies.
        JsonNode narrow = json(get("/api/research/cohort/counts?model=cohort-model&minDiameterMm=10", researcher));
        assertThat(narrow.get("patients").asInt()).isEqualTo(10);
        assertThat(narrow.get("findings").asInt()).isEqualTo(10);

        // Site B did not consent: its cohort is nothing to a researcher, everything to an administrator.
        ResearchRows.insertPatients(dataSource, "site-b", 12, "site-b-model", 30);
        assertThat(json(get("/api/research/cohort/counts?model=site-b-model", researcher)).get("patients")
                .asString()).isEqualTo("<10");
        assertThat(json(get("/api/research/findings?model=site-b-model", researcher)).get("findings")).isEmpty();
        assertThat(json(get("/api/research/cohort/counts?model=site-b-model", admin)).get("patients").asInt())
                .isEqualTo(10);
    }

    @Test
    void theCohortExportsAsOneZipOfDeidentifiedDicomAndFindings() throws Exception {
        HttpResponse<byte[]> response = get("/api/research/cohort/export?model=" + MODEL, researcher);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/zip");
        Map<String, byte[]> entries = unzip(response.body());

        String csv = new String(entries.get("findings.csv"), StandardCharsets.UTF_8);
        assertThat(csv.split("\r\n")).hasSize(4); // the header and site A's three findings
        assertThat(csv).startsWith("tracking_uid,").contains(studyA.studyInstanceUid())
                .doesNotContain(studyB.studyInstanceUid());
        assertThat(JSON.readTree(entries.get("findings.json"))).hasSize(3);

        List<String> dicom = entries.keySet().stream().filter(name -> name.startsWith("dicom/")).toList();
        assertThat(dicom).hasSize(studyA.numberOfInstances())
                .allSatisfy(name -> assertThat(name).startsWith("dicom/" + studyA.studyInstanceUid() + "/"));
        for (String name : dicom) {
            byte[] file = entries.get(name);
            assertThat(new String(file, 128, 4, StandardCharsets.US_ASCII)).as(name).isEqualTo("DICM");
        }
        for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
            String content = new String(entry.getValue(), StandardCharsets.ISO_8859_1);
            for (String original : originals) {
                assertThat(content).as(entry.getKey()).doesNotContain(original);
            }
        }
        AuditRecord exported = lastAudit(AuditEventType.EXPORT);
        assertThat(exported.event().subject()).isEqualTo("researcher-x");
        assertThat(exported.event().request()).startsWith("GET /api/research/cohort/export?model=" + MODEL);
        assertThat(exported.event().httpStatus()).isEqualTo(200);
    }

    @Test
    void aRadiologistResolvesTheirOwnSitesPseudonymsOnlyAndEveryResolutionIsAudited() throws Exception {
        String pseudonym = studyA.patientId();
        JsonNode patient = json(get("/api/pseudonyms/patients/" + pseudonym, radiologistA));
        assertThat(patient.get("patientId").asString()).isEqualTo("LIDC-IDRI-0001");
        assertThat(patient.get("pseudonym").asString()).isEqualTo(pseudonym);
        assertThat(lastAudit(AuditEventType.EXPORT).event().subject()).isEqualTo("radiologist-a");
        JsonNode study = json(get("/api/pseudonyms/studies/" + studyA.studyInstanceUid(), radiologistA));
        assertThat(study.get("studyInstanceUid").asString()).isEqualTo(studyA.studyInstanceUid());
        assertThat(lastAudit(AuditEventType.EXPORT).event().studyInstanceUid())
                .isEqualTo(studyA.studyInstanceUid());

        // Another site's pseudonym is not found, like an unknown one; both are audited with their outcome.
        assertProblem("site A's patient from site B", get("/api/pseudonyms/patients/" + pseudonym, radiologistB),
                404);
        AuditRecord refused = lastAudit(AuditEventType.EXPORT);
        assertThat(refused.event().subject()).isEqualTo("radiologist-b");
        assertThat(refused.event().httpStatus()).isEqualTo(404);
        assertThat(refused.event().request()).isEqualTo("GET /api/pseudonyms/patients/" + pseudonym);
        assertProblem("site A's study from site B",
                get("/api/pseudonyms/studies/" + studyA.studyInstanceUid(), radiologistB), 404);
        assertProblem("an unknown pseudonym", get("/api/pseudonyms/patients/VGUNKNOWN", radiologistA), 404);
        assertThat(json(get("/api/pseudonyms/patients/" + studyB.patientId(), radiologistB)).get("patientId")
                .asString()).isEqualTo("LIDC-IDRI-0002");

        HttpResponse<byte[]> asResearcher = get("/api/pseudonyms/patients/" + pseudonym, researcher);
        assertProblem("a researcher", asResearcher, 403);
        assertThat(new String(asResearcher.body(), StandardCharsets.UTF_8)).doesNotContain("LIDC-IDRI");
        assertThat(lastAudit(AuditEventType.SECURITY_ALERT).event().subject()).isEqualTo("researcher-x");
        assertProblem("an administrator", get("/api/pseudonyms/patients/" + pseudonym, admin), 403);
    }

    @Test
    void administratorsListTheSitesAndTheirConsent() throws Exception {
        JsonNode sites = json(get("/admin/sites", admin));
        Map<String, Boolean> consent = new LinkedHashMap<>();
        sites.forEach(site -> consent.put(site.get("site").asString(), site.get("researchConsent").asBoolean()));
        assertThat(consent).containsExactly(Map.entry("site-a", true), Map.entry("site-b", false));
        assertProblem("a researcher", get("/admin/sites", researcher), 403);
    }

    @Test
    void theOpenApiDocumentIsValidAndDescribesEveryEndpoint() throws Exception {
        assertProblem("without a token", get("/v3/api-docs", null), 401);
        HttpResponse<byte[]> response = get("/v3/api-docs", researcher);
        assertThat(response.statusCode()).isEqualTo(200);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(
                new String(response.body(), StandardCharsets.UTF_8), null, null);
        assertThat(parsed.getMessages()).as("validation messages").isEmpty();
        OpenAPI document = parsed.getOpenAPI();
        assertThat(document.getOpenapi()).startsWith("3.");
        assertThat(document.getComponents().getSecuritySchemes()).containsKey("bearer");
        assertThat(document.getPaths().get("/api/research/findings").getGet().getParameters())
                .extracting(parameter -> parameter.getName())
                .contains("minDiameterMm", "maxDiameterMm", "type", "reviewStatus", "model", "fromDay", "limit");

        List<String> missing = new ArrayList<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            for (String pattern : info.getPathPatternsCondition().getPatternValues()) {
                if (pattern.equals("/error") || pattern.startsWith("/v3/api-docs")) {
                    continue; // Spring's error dispatch and the document itself
                }
                PathItem item = document.getPaths().get(pattern);
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    if (item == null || item.readOperationsMap().keySet().stream()
                            .noneMatch(m -> m.name().equals(method.name()))) {
                        missing.add(method + " " + pattern);
                    }
                }
            }
        });
        assertThat(missing).as("endpoints missing from the OpenAPI document").isEmpty();
        assertThat(document.getPaths()).containsKeys("/api/research/findings", "/api/research/cohort/counts",
                "/api/research/cohort/export", "/api/pseudonyms/patients/{pseudonym}", "/dicomweb/studies");
    }

    private List<Double> diameters(String filter) throws Exception {
        JsonNode page = json(get("/api/research/findings?model=" + MODEL + "&" + filter, researcher));
        List<Double> diameters = new ArrayList<>();
        page.get("findings").forEach(f -> diameters.add(f.get("diameterMm").asDouble()));
        return diameters;
    }

    private AuditRecord lastAudit(AuditEventType type) throws InterruptedException {
        return audit.await(event -> event.type() == type, type.toString());
    }

    private List<String> studyUids(HttpResponse<byte[]> response) {
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> uids = new ArrayList<>();
        JSON.readTree(response.body()).forEach(study -> uids.add(study.get("0020000D").get("Value").get(0)
                .asString()));
        return uids;
    }

    private static JsonNode json(HttpResponse<byte[]> response) {
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static JsonNode problem(HttpResponse<byte[]> response) {
        return JSON.readTree(response.body());
    }

    private static void assertProblem(String what, HttpResponse<byte[]> response, int status) {
        assertThat(response.statusCode()).as(what + ": " + new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).as(what)
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = problem(response);
        assertThat(problem.get("status").asInt()).as(what).isEqualTo(status);
        assertThat(problem.get("detail").asString()).as(what).isNotBlank();
    }

    private HttpResponse<byte[]> get(String path, String token) throws Exception {
        HttpRequest.Builder request = token == null ? HttpRequest.newBuilder(api.uri(path)).GET()
                : api.authorized(path, token);
        return api.send(request.timeout(Duration.ofMinutes(1)));
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    private static List<String> originals(Path slice) throws Exception {
        DicomInstance original;
        try (InputStream in = Files.newInputStream(slice)) {
            original = DicomInstance.readPart10(in);
        }
        return Stream.of("PatientID", "PatientName", "AccessionNumber", "StudyInstanceUID")
                .map(original::string)
                .filter(value -> value != null && !value.isBlank())
                .map(String::strip)
                .toList();
    }
}
