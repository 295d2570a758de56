package io.vigie.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.vigie.archive.Archive;
import io.vigie.archive.StoredInstance;
import io.vigie.archive.StudyQuery;
import io.vigie.archive.StudySummary;
import io.vigie.research.ResearchRows;
import io.vigie.archive.audit.AuditTrail;
import io.vigie.config.DicomGatewayLifecycle;
import io.vigie.dicom.DicomInstance;
import io.vigie.support.ApiClient;
import io.vigie.support.VigieAppTest;
import io.vigie.testing.Dcmtk;
import io.vigie.testing.SharedData;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.w3c.dom.Document;
import tools.jackson.databind.json.JsonMapper;

/**
 * The role matrix on development tokens: LIDC-IDRI-0001 is pushed first, then every mapped endpoint is called
 * without a token, with each role and with tokens that must not pass (expired, another issuer, {@code alg: none},
 * a tampered signature or payload, another key, HS256 keyed with the public key). Last, the audit trail the walk
 * left is verified and exported.
 */
@VigieAppTest(properties = {
        // The tokens' site: the pushed case is its radiologists' own, and it consented to research.
        "vigie.deidentification.site-id=site-a", "vigie.sites.site-a.research-consent=true"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RoleMatrixTest {

    static final String CASE = "LIDC-IDRI-0001";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    ApiClient api;

    @Autowired
    DicomGatewayLifecycle gateway;

    @Autowired
    Archive archive;

    @Autowired
    AuditTrail trail;

    @Autowired
    DevTokenIssuer issuer;

    @Autowired
    DataSource dataSource;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private List<RoleMatrixWalk.Route> routes;
    private RoleMatrixWalk walk;

    @BeforeAll
    void pushTheCaseAndTakeTokens() throws Exception {
        List<Path> slices = SharedData.lidcSlices(CASE);
        Dcmtk.Result sent = Dcmtk.storescu("HOSPITAL_PACS", "VIGIE", gateway.port(), slices);
        assertThat(sent.succeeded()).as(sent.output()).isTrue();
        ResearchRows.insertFinding(dataSource, samplePathValues(archive).get("series"), "role-matrix-model", 12.5);
        Map<String, String> tokens = new LinkedHashMap<>();
        for (String role : Roles.ALL) {
            tokens.put(role, issuer.issue("tester-" + role, role, "site-a", Duration.ofHours(1)));
        }
        routes = RoleMatrixWalk.routes(mappings);
        walk = new RoleMatrixWalk(api.uri(""), samplePathValues(archive), tokens,
                trail, originals(slices.get(0)));
    }

    @Test
    @Order(1)
    void everyMappedEndpointIsInThePolicy() {
        assertThat(routes).extracting(RoleMatrixWalk.Route::toString).contains(
                "GET /dicomweb/studies", "GET /dicomweb/studies/{study}",
                "GET /dicomweb/studies/{study}/series/{series}",
                "GET /dicomweb/studies/{study}/series/{series}/instances/{instance}",
                "GET /dicomweb/series", "GET /dicomweb/instances", "GET /dicomweb/studies/{study}/series",
                "GET /dicomweb/studies/{study}/instances", "GET /dicomweb/studies/{study}/series/{series}/instances",
                "GET /dicomweb/studies/{study}/metadata", "GET /dicomweb/studies/{study}/series/{series}/metadata",
                "GET /dicomweb/studies/{study}/series/{series}/instances/{instance}/metadata",
                "GET /dicomweb/studies/{study}/series/{series}/instances/{instance}/frames/{frames}",
                "GET /dicomweb/studies/{study}/series/{series}/instances/{instance}/bulkdata/{tag}",
                "GET /dicomweb/studies/{study}/series/{series}/instances/{instance}/rendered",
                "GET /dicomweb/studies/{study}/series/{series}/instances/{instance}/frames/{frame}/rendered",
                "POST /dicomweb/studies", "POST /dicomweb/studies/{study}",
                "GET /api/studies/{study}/findings", "GET /api/series/{series}/analysis",
                "POST /api/findings/{trackingUid}/review",
                "GET /admin/quarantine", "GET /admin/duplicate-conflicts",
                "GET /admin/audit", "GET /admin/audit/export", "GET /admin/audit/verify", "GET /admin/sites",
                "GET /api/research/findings", "GET /api/research/cohort/counts", "GET /api/research/cohort/export",
                "GET /api/pseudonyms/patients/{pseudonym}", "GET /api/pseudonyms/studies/{study}",
                "GET /v3/api-docs", "GET /v3/api-docs.yaml", "POST /dev-issuer/token");
    }

    @Test
    @Order(2)
    void eachRoleGetsWhatThePolicySaysAndNothingElse() throws Exception {
        walk.walk(routes);
    }

    @Test
    @Order(3)
    void tokensThatAreNotValidAreRefused() throws Exception {
        walk.refusesBadTokens(routes, badTokens());
    }

    @Test
    @Order(4)
    void anythingNotInThePolicyIsDenied() throws Exception {
        walk.deniesByDefault("GET", "/internal/anything");
        walk.deniesByDefault("DELETE", "/dicomweb/studies/" + samplePathValues(archive).get("study"));
        walk.deniesByDefault("GET", "/actuator/info");
        // Spring Security's form-login leftovers: a stateless API has no logout page to redirect to.
        walk.deniesByDefault("POST", "/logout");
        walk.deniesByDefault("GET", "/logout");
    }

    /** The trail the walk left: intact, and readable by administrators as DICOM audit messages. */
    @Test
    @Order(5)
    void theTrailOfTheWalkVerifiesAndExportsAsDicomAuditMessages() throws Exception {
        String admin = issuer.issue("auditor", Roles.ADMIN, "site-a", Duration.ofMinutes(5));
        HttpResponse<byte[]> verified = get("/admin/audit/verify", admin);
        assertThat(JSON.readTree(verified.body()).get("intact").asBoolean()).as(new String(verified.body())).isTrue();

        HttpResponse<byte[]> listed = get("/admin/audit?limit=1000&from=" + Instant.now().minusSeconds(3600), admin);
        assertThat(listed.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(JSON.readTree(listed.body()).size()).isGreaterThan(100);
        assertThat(get("/admin/audit?limit=0", admin).statusCode()).isEqualTo(400);
        assertThat(get("/admin/audit?from=yesterday", admin).statusCode()).isEqualTo(400);

        HttpResponse<byte[]> exported = get("/admin/audit/export", admin);
        assertThat(exported.statusCode()).isEqualTo(200);
        assertThat(exported.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/xml"));
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(exported.body()));
        XPath xpath = XPathFactory.newInstance().newXPath();
        String study = samplePathValues(archive).get("study");
        String researcherRead = "/AuditMessages/AuditMessage[EventIdentification/EventID/@csd-code='110103'"
                + " and ActiveParticipant/@UserID='tester-researcher']";
        assertThat(xpath.evaluate("count(" + researcherRead + ")", xml)).isEqualTo("10");
        // study, series, instance; their metadata; frames, bulk data, rendered instance, rendered frame
        assertThat(xpath.evaluate(researcherRead + "[1]/ParticipantObjectIdentification/@ParticipantObjectID", xml))
                .isEqualTo(study);
        assertThat(xpath.evaluate(researcherRead + "[1]/ActiveParticipant/RoleIDCode/@csd-code", xml))
                .isEqualTo(Roles.RESEARCHER);
        assertThat(xpath.evaluate("count(/AuditMessages/AuditMessage[EventIdentification/EventID/@csd-code='110112'])",
                xml)).isNotEqualTo("0");
        assertThat(xpath.evaluate("/AuditMessages/AuditMessage[EventIdentification/EventID/@csd-code='110113']"
                + "[1]/EventIdentification/@EventOutcomeIndicator", xml)).isEqualTo("4");
        assertThat(xpath.evaluate("count(/AuditMessages/AuditMessage[EventIdentification/EventID/@csd-code='110114'"
                + " and EventIdentification/@EventOutcomeIndicator='4'])", xml)).isNotEqualTo("0");
    }

    private HttpResponse<byte[]> get(String path, String token) throws Exception {
        return api.send(api.authorized(path, token));
    }

    private Map<String, String> badTokens() throws JOSEException {
        Instant now = Instant.now();
        JWTClaimsSet admin = issuer.claims("tester-admin", Roles.ADMIN, "site-a", Duration.ofHours(1)).build();
        String valid = issuer.sign(admin);
        String researcher = issuer.issue("tester-researcher", Roles.RESEARCHER, "site-a", Duration.ofHours(1));
        String[] adminParts = valid.split("\\.");
        String[] researcherParts = researcher.split("\\.");
        String signature = adminParts[2];
        int middle = signature.length() / 2; // not the last character: its low bits may be padding

        SignedJWT hs256 = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), admin);
        hs256.sign(new MACSigner(issuer.publicKey().getEncoded())); // the public key, as an HMAC secret

        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("an expired token", issuer.sign(new JWTClaimsSet.Builder(admin)
                .issueTime(Date.from(now.minus(Duration.ofHours(2))))
                .expirationTime(Date.from(now.minus(Duration.ofHours(1)))).build()));
        bad.put("another issuer", issuer.sign(new JWTClaimsSet.Builder(admin)
                .issuer("https://idp.example/realms/vigie").build()));
        bad.put("alg: none", new PlainJWT(admin).serialize());
        bad.put("a tampered signature", adminParts[0] + "." + adminParts[1] + "." + signature.substring(0, middle)
                + (signature.charAt(middle) == 'A' ? 'B' : 'A') + signature.substring(middle + 1));
        bad.put("a researcher's signature on an admin's claims", adminParts[0] + "." + adminParts[1] + "."
                + researcherParts[2]);
        bad.put("another key", new DevTokenIssuer().issue("tester-admin", Roles.ADMIN, "site-a",
                Duration.ofHours(1)));
        bad.put("HS256 keyed with the public key", hs256.serialize());
        bad.put("not a JWT", "not-a-jwt");
        return bad;
    }

    /**
     * Real values for the path variables: the pushed case's (pseudonymous) study, a series and an instance, and its
     * patient pseudonym.
     */
    static Map<String, String> samplePathValues(Archive archive) {
        StudySummary summary = archive.findStudies(StudyQuery.all()).get(0);
        String study = summary.studyInstanceUid();
        StoredInstance instance = archive.findInstances(study, null, null).get(0);
        return Map.of("study", study, "series", instance.seriesInstanceUid(),
                "instance", instance.sopInstanceUid(), "frames", "1", "frame", "1", "tag", "7FE00010",
                "trackingUid", "2.25.1", "pseudonym", summary.patientId());
    }

    /** What the archive must never give a researcher: the case's original identifiers. */
    static List<String> originals(Path slice) throws Exception {
        DicomInstance original;
        try (InputStream in = Files.newInputStream(slice)) {
            original = DicomInstance.readPart10(in);
        }
        List<String> identifiers = Stream.of("PatientID", "PatientName", "AccessionNumber", "StudyInstanceUID")
                .map(original::string)
                .filter(value -> value != null && !value.isBlank())
                .map(String::strip)
                .toList();
        assertThat(identifiers).contains(CASE);
        return identifiers;
    }
}
