package io.vigie;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.anonymizer.Pseudonyms;
import io.vigie.anonymizer.SiteSecret;
import io.vigie.archive.Archive;
import io.vigie.archive.StudyQuery;
import io.vigie.archive.StudySummary;
import io.vigie.archive.audit.AuditEvent;
import io.vigie.archive.audit.AuditEventType;
import io.vigie.archive.quarantine.Quarantine;
import io.vigie.config.DicomGatewayLifecycle;
import io.vigie.dicom.DicomInstance;
import io.vigie.security.DevTokenIssuer;
import io.vigie.security.Roles;
import io.vigie.support.ApiClient;
import io.vigie.support.LastAuditEvent;
import io.vigie.support.VigieAppTest;
import io.vigie.testing.Dcmtk;
import io.vigie.testing.MultipartRelated;
import io.vigie.testing.SharedData;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * STOW-RS in a multi-site Vigie: what a radiologist uploads is of their own site, exactly as what their site's PACS
 * sends by C-STORE. The default site is {@code site-a}; {@code nord} has a PACS ({@code PACS_NORD}) and its own
 * pseudonym secret, {@code sud} a secret of its own (generated) and no PACS. Real storescu, real HTTP, embedded
 * PostgreSQL.
 */
@VigieAppTest(properties = {
        "vigie.deidentification.site-id=site-a",
        "vigie.dicom.peers[0].ae-title=PACS_NORD", "vigie.dicom.peers[0].allowed-hosts[0]=127.0.0.1",
        "vigie.dicom.peers[0].site=nord", "vigie.sites.sud.research-consent=false"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StowSitesEndToEndTest {

    private static final List<Path> CASE_1 = SharedData.lidcSlices("LIDC-IDRI-0001");
    private static final List<Path> CASE_2 = SharedData.lidcSlices("LIDC-IDRI-0002");
    private static final byte[] NORD_SECRET = new byte[32];
    private static final String PART10 = "multipart/related; type=\"application/dicom\"; boundary=stow-sites";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static {
        Arrays.fill(NORD_SECRET, (byte) 0x4e);
    }

    @DynamicPropertySource
    static void nordSecret(DynamicPropertyRegistry registry) {
        registry.add("vigie.sites.nord.site-secret", () -> Base64.getEncoder().encodeToString(NORD_SECRET));
    }

    @Autowired
    DicomGatewayLifecycle gateway;

    @Autowired
    Archive archive;

    @Autowired
    Quarantine quarantine;

    @Autowired
    LastAuditEvent audit;

    @Autowired
    DevTokenIssuer issuer;

    @Autowired
    ApiClient api;

    private StudySummary cStoredByNord;

    /** The first half of LIDC-IDRI-0001 arrives from site nord's PACS by C-STORE. */
    @BeforeAll
    void nordsPacsSendsHalfACase() {
        Dcmtk.Result sent = Dcmtk.storescu("PACS_NORD", "VIGIE", gateway.port(), CASE_1.subList(0, 8));
        assertThat(sent.succeeded()).as(sent.output()).isTrue();
        cStoredByNord = archive.findStudies(StudyQuery.all()).get(0);
    }

    @Test
    void aNordRadiologistsUploadJoinsThePatientAndStudyNordsPacsSent() throws Exception {
        String original = read(CASE_1.get(0)).string("PatientID");
        assertThat(cStoredByNord.patientId()).as("nord's keyed pseudonym")
                .isEqualTo(new Pseudonyms(new SiteSecret(NORD_SECRET), "2.25").patientId(original));
        assertThat(archive.siteOfStudy(cStoredByNord.studyInstanceUid())).hasValue("nord");

        String nord = token("radiologist-nord", Roles.RADIOLOGIST, "nord");
        JsonNode stored = JSON.readTree(stow(nord, CASE_1.subList(8, CASE_1.size()), 200).body());

        // The same pseudonyms (patient, study UID) whichever door: one study of the whole case, nord's.
        assertThat(studyOf(stored)).isEqualTo(cStoredByNord.studyInstanceUid());
        assertThat(archive.findInstances(cStoredByNord.studyInstanceUid(), null, null)).hasSize(CASE_1.size());
        assertThat(archive.siteOfStudy(cStoredByNord.studyInstanceUid())).hasValue("nord");
        JsonNode found = JSON.readTree(get("/dicomweb/studies?PatientID=" + cStoredByNord.patientId(), nord, 200)
                .body());
        assertThat(found.size()).isEqualTo(1);
        assertThat(found.get(0).get("00201208").get("Value").get(0).asInt()).isEqualTo(CASE_1.size());
    }

    @Test
    void aNordRadiologistsUploadIsNotASudRadiologists() throws Exception {
        String nord = token("radiologist-nord", Roles.RADIOLOGIST, "nord");
        String sud = token("radiologist-sud", Roles.RADIOLOGIST, "sud");
        String study = studyOf(JSON.readTree(stow(nord, CASE_2.subList(0, 3), 200).body()));
        assertThat(archive.siteOfStudy(study)).hasValue("nord");

        get("/dicomweb/studies?StudyInstanceUID=" + study, nord, 200);
        get("/dicomweb/studies/" + study + "/metadata", nord, 200);
        get("/dicomweb/studies?StudyInstanceUID=" + study, sud, 204);
        get("/dicomweb/studies/" + study + "/series", sud, 204);
        assertProblem(get("/dicomweb/studies/" + study, sud, 404), 404);
        assertProblem(get("/dicomweb/studies/" + study + "/metadata", sud, 404), 404);
    }

    @Test
    void aSiteNotServedHereIsRefusedAsAWholeAndAudited() throws Exception {
        long instancesBefore = instancesInArchive();
        long quarantinedBefore = quarantine.count();

        HttpResponse<byte[]> refused = stow(token("radiologist-x", Roles.RADIOLOGIST, "elsewhere"),
                CASE_2.subList(3, 5), 403);

        JsonNode problem = assertProblem(refused, 403);
        assertThat(problem.get("detail").asString()).contains("site elsewhere is not served here");
        AuditEvent alert = lastAuditOf("radiologist-x");
        assertThat(alert.type()).isEqualTo(AuditEventType.SECURITY_ALERT);
        assertThat(alert.subject()).isEqualTo("radiologist-x");
        assertThat(alert.site()).isEqualTo("elsewhere");
        assertThat(alert.httpStatus()).isEqualTo(403);
        assertThat(alert.request()).isEqualTo("POST /dicomweb/studies");
        assertThat(alert.detail()).contains("site elsewhere is not served here");

        // A radiologist's token without a site stores nowhere: not into the default site's studies.
        HttpResponse<byte[]> noSite = stow(token("radiologist-y", Roles.RADIOLOGIST, null), CASE_2.subList(3, 5),
                403);
        assertThat(assertProblem(noSite, 403).get("detail").asString()).contains("names no site");
        assertThat(lastAuditOf("radiologist-y").type()).isEqualTo(AuditEventType.SECURITY_ALERT);

        assertThat(instancesInArchive()).isEqualTo(instancesBefore);
        assertThat(quarantine.count()).isEqualTo(quarantinedBefore);
    }

    @Test
    void anAdministratorStoresUnderTheDefaultSiteOrTheSiteTheirTokenNames() throws Exception {
        String withoutSite = studyOf(JSON.readTree(stow(token("vigie-service", Roles.ADMIN, null),
                CASE_2.subList(5, 7), 200).body()));
        assertThat(archive.siteOfStudy(withoutSite)).hasValue("site-a");

        String ofSud = studyOf(JSON.readTree(stow(token("admin-sud", Roles.ADMIN, "sud"), CASE_2.subList(7, 9), 200)
                .body()));
        assertThat(archive.siteOfStudy(ofSud)).hasValue("sud");
        // Another site, other keys: the same study is another pseudonymous study there.
        assertThat(ofSud).isNotEqualTo(withoutSite);
    }

    private String token(String subject, String role, String site) {
        return issuer.issue(subject, role, site, Duration.ofHours(1));
    }

    private HttpResponse<byte[]> stow(String token, List<Path> files, int expectedStatus) throws Exception {
        List<byte[]> parts = new ArrayList<>();
        for (Path file : files) {
            parts.add(Files.readAllBytes(file));
        }
        return api.send(api.authorized("/dicomweb/studies", token)
                .header("Content-Type", PART10).header("Accept", "application/dicom+json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(MultipartRelated.ofDicomFiles("stow-sites", parts))),
                expectedStatus);
    }

    private HttpResponse<byte[]> get(String path, String token, int expectedStatus) throws Exception {
        return api.send(api.authorized(path, token), expectedStatus);
    }

    /** The study a STOW-RS response says it stored into: the last segment of its RetrieveURL. */
    private static String studyOf(JsonNode stowResponse) {
        String url = stowResponse.get("00081190").get("Value").get(0).asString();
        return url.substring(url.lastIndexOf('/') + 1);
    }

    private static JsonNode assertProblem(HttpResponse<byte[]> response, int status) {
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        return problem;
    }

    private long instancesInArchive() {
        return archive.findStudies(StudyQuery.all()).stream().mapToLong(StudySummary::numberOfInstances).sum();
    }

    /**
     * The last event of the trail, once it is {@code subject}'s: a request is recorded just after it is answered,
     * so the client may have the answer before the trail has the event.
     */
    private AuditEvent lastAuditOf(String subject) throws InterruptedException {
        return audit.await(event -> subject.equals(event.subject()), subject + "'s")
                .event();
    }

    private static DicomInstance read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return DicomInstance.readPart10(in);
        } catch (Exception e) {
            throw new AssertionError("not a readable Part 10 file: " + file, e);
        }
    }
}
