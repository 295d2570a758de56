package io.vigie.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import io.vigie.archive.Archive;
import io.vigie.archive.audit.AuditTrail;
import io.vigie.config.DicomGatewayLifecycle;
import io.vigie.testing.Dcmtk;
import io.vigie.testing.SharedData;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The realm file against the real Keycloak: Keycloak imports {@code deploy/keycloak/vigie-realm.json}, test users
 * of each role are added by a partial import ({@code keycloak/vigie-realm-test-users.json}: the production realm
 * holds no user with a password), Vigie runs with {@code issuer-uri} on that realm and no development issuer, and
 * the role matrix is walked with tokens the web viewer's PKCE login gives. The service client's client-credentials
 * token, and tokens Keycloak did not issue for this realm, are checked too.
 */
@Tag("keycloak")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "vigie.dicom.port=0", "vigie.dicom.bind-address=127.0.0.1", "vigie.security.dev-issuer.enabled=false",
        // The test users' site: the pushed case is its radiologists' own, and it consented to research.
        "vigie.deidentification.site-id=site-a", "vigie.sites.site-a.research-consent=true"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeycloakRoleMatrixIT {

    /** Started when the class loads, so that Keycloak and Vigie start side by side. */
    private static final KeycloakServer KEYCLOAK = KeycloakServer.start();

    private static final Map<String, String[]> TEST_USERS = Map.of(
            Roles.RADIOLOGIST, new String[] {"radiologist-a", "radiologist-a-test-only", "site-a"},
            Roles.RESEARCHER, new String[] {"researcher-1", "researcher-1-test-only", "research"},
            Roles.ADMIN, new String[] {"admin-a", "admin-a-test-only", "site-a"});

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        Path dataDir = Files.createTempDirectory("vigie-keycloak");
        registry.add("vigie.data-dir", dataDir::toString);
        // Boot resolves the issuer on the first token it checks, so Vigie need not wait for Keycloak to start
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", KEYCLOAK::issuerUri);
    }

    @LocalServerPort
    int httpPort;

    @Autowired
    DicomGatewayLifecycle gateway;

    @Autowired
    Archive archive;

    @Autowired
    AuditTrail trail;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private final Map<String, String> tokens = new LinkedHashMap<>();
    private List<RoleMatrixWalk.Route> routes;
    private RoleMatrixWalk walk;

    @BeforeAll
    void pushTheCaseAndLogInEachRole() throws Exception {
        List<Path> slices = SharedData.lidcSlices(RoleMatrixTest.CASE);
        Dcmtk.Result sent = Dcmtk.storescu("HOSPITAL_PACS", "VIGIE", gateway.port(), slices);
        assertThat(sent.succeeded()).as(sent.output()).isTrue();

        KEYCLOAK.awaitRealm();
        try (InputStream users = getClass().getResourceAsStream("/keycloak/vigie-realm-test-users.json")) {
            KEYCLOAK.partialImport(users);
        }
        TEST_USERS.forEach((role, user) -> tokens.put(role, login(user[0], user[1])));
        routes = RoleMatrixWalk.routes(mappings);
        walk = new RoleMatrixWalk(URI.create("http://127.0.0.1:" + httpPort),
                RoleMatrixTest.samplePathValues(archive), tokens, trail, RoleMatrixTest.originals(slices.get(0)));
    }

    @AfterAll
    static void stopKeycloak() {
        KEYCLOAK.close();
        assertThat(KEYCLOAK.isRunning()).isFalse();
    }

    @Test
    @Order(1)
    void viewerTokensCarryTheRealmRoleTheSiteAndTheUser() throws Exception {
        for (Map.Entry<String, String[]> user : TEST_USERS.entrySet()) {
            JWTClaimsSet claims = JWTParser.parse(tokens.get(user.getKey())).getJWTClaimsSet();
            assertThat(claims.getIssuer()).isEqualTo(KEYCLOAK.issuerUri());
            assertThat(claims.getSubject()).isNotBlank();
            assertThat(claims.getStringClaim("azp")).isEqualTo("vigie-viewer");
            assertThat(claims.getStringClaim("preferred_username")).isEqualTo(user.getValue()[0]);
            assertThat(claims.getStringClaim("site")).isEqualTo(user.getValue()[2]);
            assertThat(claims.getJSONObjectClaim("realm_access").get("roles")).asInstanceOf(InstanceOfAssertFactories.LIST)
                    .containsExactly(user.getKey());
        }
    }

    @Test
    @Order(2)
    void theViewerIsPublicWithPkceOnly() throws Exception {
        assertThat(KeycloakServer.query(KEYCLOAK.authorizationWithoutPkce()).get("error"))
                .isEqualTo("invalid_request");
        HttpResponse<String> passwordGrant = KEYCLOAK.tokenRequest(Map.of("grant_type", "password",
                "client_id", "vigie-viewer", "username", "researcher-1", "password", "researcher-1-test-only"));
        assertThat(passwordGrant.statusCode()).as(passwordGrant.body()).isEqualTo(400);
    }

    @Test
    @Order(3)
    void eachRoleGetsWhatThePolicySaysAndNothingElse() throws Exception {
        walk.walk(routes);
    }

    @Test
    @Order(4)
    void theServiceClientGetsAnAdministratorsTokenByClientCredentials() throws Exception {
        String secret = KEYCLOAK.clientSecret("vigie-service");
        assertThat(secret).hasSizeGreaterThanOrEqualTo(32); // generated by Keycloak: the realm file holds none
        String token = KEYCLOAK.clientCredentialsToken("vigie-service", secret);
        JWTClaimsSet claims = JWTParser.parse(token).getJWTClaimsSet();
        assertThat(claims.getJSONObjectClaim("realm_access").get("roles")).asInstanceOf(InstanceOfAssertFactories.LIST).containsExactly(Roles.ADMIN);
        assertThat(claims.getStringClaim("site")).isEqualTo("site-a");
        assertThat(get("/admin/audit/verify", token).statusCode()).isEqualTo(200);
        assertThat(get("/dicomweb/studies", token).statusCode()).isEqualTo(200);
        assertThat(KEYCLOAK.tokenRequest(Map.of("grant_type", "client_credentials", "client_id", "vigie-service",
                "client_secret", "change-me-vigie-service-secret")).statusCode()).isEqualTo(401);
    }

    @Test
    @Order(5)
    void tokensKeycloakDidNotIssueForThisRealmAreRefused() throws Exception {
        String researcher = tokens.get(Roles.RESEARCHER);
        String admin = tokens.get(Roles.ADMIN);
        String[] researcherParts = researcher.split("\\.");
        String[] adminParts = admin.split("\\.");
        String signature = researcherParts[2];
        int middle = signature.length() / 2;
        JWTClaimsSet adminClaims = JWTParser.parse(admin).getJWTClaimsSet();

        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("a tampered signature", researcherParts[0] + "." + researcherParts[1] + "."
                + signature.substring(0, middle) + (signature.charAt(middle) == 'A' ? 'B' : 'A')
                + signature.substring(middle + 1));
        bad.put("an admin's claims under a researcher's signature", researcherParts[0] + "." + adminParts[1] + "."
                + researcherParts[2]);
        bad.put("alg: none", new PlainJWT(adminClaims).serialize());
        bad.put("the master realm's token", KEYCLOAK.masterRealmToken());
        bad.put("this realm's claims signed by another key", new DevTokenIssuer().sign(adminClaims));
        walk.refusesBadTokens(routes, bad);
    }

    private String login(String username, String password) {
        try {
            return KEYCLOAK.viewerLogin(username, password);
        } catch (Exception e) {
            throw new IllegalStateException("cannot log " + username + " in", e);
        }
    }

    private HttpResponse<byte[]> get(String path, String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
