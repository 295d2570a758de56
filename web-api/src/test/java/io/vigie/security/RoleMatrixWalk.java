package io.vigie.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.nimbusds.jwt.JWTParser;
import io.vigie.archive.audit.AuditEvent;
import io.vigie.archive.audit.AuditEventType;
import io.vigie.archive.audit.AuditOutcome;
import io.vigie.archive.audit.AuditRecord;
import io.vigie.archive.audit.AuditTrail;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.springframework.http.HttpMethod;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The role matrix, walked over HTTP against a running Vigie. The routes are every endpoint Spring MVC maps
 * (enumerated from its {@link RequestMappingHandlerMapping}, so a new endpoint cannot be left out), and each must
 * be in {@link EndpointPolicy}. Each protected route is called with no token (401), with a token of each role (403
 * for a role it does not admit, 200 for one it does; for a POST, which the walk sends without a body, any answer of
 * the controller but a 5xx) and with each bad token (401); refusals must be RFC 9457
 * problems without stack traces, and every call must leave its event in the audit trail. Whatever a researcher gets
 * back is searched for the originals of the pushed case. Shared by the fast test on development tokens and the
 * integration test on real Keycloak tokens.
 */
final class RoleMatrixWalk {

    /** One mapped endpoint: a method and a path pattern, and the policy entry that covers it. */
    record Route(HttpMethod method, String pattern, EndpointPolicy.Endpoint endpoint) {

        @Override
        public String toString() {
            return method + " " + pattern;
        }
    }

    private static final Pattern VARIABLE = Pattern.compile("\\{(\\w+)}");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration AUDIT_WAIT = Duration.ofSeconds(10);

    private final URI base;
    private final Map<String, String> pathValues;
    private final Map<String, String> tokenOfRole;
    private final AuditTrail trail;
    private final List<String> originals;
    private final HttpClient http = HttpClient.newHttpClient();
    private int auditRowsSeen;

    /**
     * @param pathValues  a real value for each path variable ({@code study}, {@code series}, {@code instance})
     * @param tokenOfRole a valid token for each of Vigie's roles
     * @param originals   what a researcher must never see: the pushed case's original identifiers
     */
    RoleMatrixWalk(URI base, Map<String, String> pathValues, Map<String, String> tokenOfRole, AuditTrail trail,
            List<String> originals) {
        this.base = base;
        this.pathValues = pathValues;
        this.tokenOfRole = tokenOfRole;
        this.trail = trail;
        this.originals = originals;
        assertThat(tokenOfRole.keySet()).containsExactlyInAnyOrderElementsOf(Roles.ALL);
    }

    /** Every (method, pattern) Spring MVC maps, each with its policy entry; fails on one the policy lacks. */
    static List<Route> routes(RequestMappingHandlerMapping mapping) {
        Set<String> seen = new TreeSet<>();
        List<Route> routes = new ArrayList<>();
        mapping.getHandlerMethods().forEach((info, handler) -> {
            for (String pattern : patterns(info)) {
                for (HttpMethod method : methods(info)) {
                    if (!seen.add(method + " " + pattern)) {
                        continue;
                    }
                    EndpointPolicy.Endpoint endpoint = EndpointPolicy.ENDPOINTS.stream()
                            .filter(e -> e.path().equals(pattern) && (e.method() == null || e.method() == method))
                            .findFirst()
                            .orElseGet(() -> fail(method + " " + pattern + " is mapped by " + handler
                                    + " but is not in EndpointPolicy: say who may call it and how it is audited"));
                    routes.add(new Route(method, pattern, endpoint));
                }
            }
        });
        routes.sort(Comparator.comparing(Route::toString));
        return routes;
    }

    /** No token, then each role's token, on every route. */
    void walk(List<Route> routes) throws Exception {
        skipAuditSoFar();
        for (Route route : routes) {
            if (route.endpoint().isPublic()) {
                HttpResponse<byte[]> response = call(route, null);
                assertThat(response.statusCode()).as(route + " is public").isNotIn(401, 403);
                expectAudit(route, null, response.statusCode(), route.endpoint().audit());
                continue;
            }
            refused(route, null, "no token");
            for (String role : Roles.ALL) {
                String token = tokenOfRole.get(role);
                if (route.endpoint().roles().contains(role)) {
                    HttpResponse<byte[]> response = call(route, token);
                    int status = response.statusCode();
                    if (route.method() == HttpMethod.GET) {
                        assertThat(status).as(route + " as " + role + ": " + text(response)).isEqualTo(200);
                    } else {
                        // A STOW-RS call with no body is admitted, then refused by the controller for its content.
                        assertThat(status).as(route + " as " + role + ": " + text(response))
                                .isNotIn(401, 403).isLessThan(500);
                    }
                    expectAudit(route, token, status, route.endpoint().audit());
                    if (role.equals(Roles.RESEARCHER)) {
                        assertHoldsNoOriginal(route, response);
                    }
                } else {
                    HttpResponse<byte[]> response = call(route, token);
                    assertProblem(route + " as " + role, response, 403);
                    expectAudit(route, token, 403, AuditEventType.SECURITY_ALERT);
                    if (role.equals(Roles.RESEARCHER)) {
                        assertHoldsNoOriginal(route, response);
                    }
                }
            }
        }
    }

    /** Each bad token on every protected route: 401, audited as a failed User Authentication. */
    void refusesBadTokens(List<Route> routes, Map<String, String> badTokens) throws Exception {
        skipAuditSoFar();
        for (Route route : routes) {
            if (!route.endpoint().isPublic()) {
                for (Map.Entry<String, String> bad : badTokens.entrySet()) {
                    refused(route, bad.getValue(), bad.getKey());
                }
            }
        }
    }

    /** A request the policy does not list: 401 without a token, 403 even for an administrator. */
    void deniesByDefault(String method, String path) throws Exception {
        skipAuditSoFar();
        Route unlisted = new Route(HttpMethod.valueOf(method), path, null);
        HttpResponse<byte[]> anonymous = call(unlisted, null);
        assertProblem(unlisted + " without a token", anonymous, 401);
        expectAudit(unlisted, null, 401, AuditEventType.USER_AUTHENTICATION);
        String admin = tokenOfRole.get(Roles.ADMIN);
        HttpResponse<byte[]> asAdmin = call(unlisted, admin);
        assertProblem(unlisted + " as admin", asAdmin, 403);
        expectAudit(unlisted, admin, 403, AuditEventType.SECURITY_ALERT);
    }

    private void refused(Route route, String token, String why) throws Exception {
        HttpResponse<byte[]> response = call(route, token);
        assertProblem(route + " with " + why, response, 401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).as(route + " with " + why)
                .hasValueSatisfying(challenge -> assertThat(challenge).startsWith("Bearer"));
        expectAudit(route, null, 401, AuditEventType.USER_AUTHENTICATION);
    }

    private HttpResponse<byte[]> call(Route route, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(expand(route.pattern())))
                .method(route.method().name(), HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofMinutes(1));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private String expand(String pattern) {
        Matcher variable = VARIABLE.matcher(pattern);
        StringBuilder path = new StringBuilder();
        while (variable.find()) {
            String value = pathValues.get(variable.group(1));
            assertThat(value).as("a value for {" + variable.group(1) + "} in " + pattern).isNotNull();
            variable.appendReplacement(path, Matcher.quoteReplacement(value));
        }
        return variable.appendTail(path).toString();
    }

    private static void assertProblem(String what, HttpResponse<byte[]> response, int status) {
        assertThat(response.statusCode()).as(what + ": " + text(response)).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).as(what)
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("status").asInt()).as(what).isEqualTo(status);
        assertThat(problem.get("title").asString()).as(what).isNotBlank();
        assertThat(problem.get("detail").asString()).as(what).isNotBlank();
        assertThat(text(response)).as(what).doesNotContain("Exception", "\tat ", "trace");
    }

    private void assertHoldsNoOriginal(Route route, HttpResponse<byte[]> response) throws IOException {
        boolean zip = response.headers().firstValue("Content-Type").filter(t -> t.startsWith("application/zip"))
                .isPresent();
        if (zip) { // compressed: each entry is searched as it unzips
            try (ZipInputStream entries = new ZipInputStream(new ByteArrayInputStream(response.body()))) {
                for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                    assertHoldsNoOriginal(route + " " + entry.getName(), entries.readAllBytes());
                }
            }
            return;
        }
        assertHoldsNoOriginal(route.toString(), response.body());
    }

    private void assertHoldsNoOriginal(String what, byte[] content) {
        String body = new String(content, StandardCharsets.ISO_8859_1); // byte for byte, DICOM too
        for (String original : originals) {
            assertThat(body).as(what + " as researcher").doesNotContain(original);
        }
    }

    /** The one event the last call left: its type, who, the request, the status, the study. */
    private void expectAudit(Route route, String token, int status, AuditEventType type) throws Exception {
        List<AuditRecord> events = newAuditEvents(type == null ? 0 : 1);
        if (type == null) {
            assertThat(events).as("audit events of " + route).isEmpty();
            return;
        }
        assertThat(events).as("audit events of " + route).hasSize(1);
        AuditEvent event = events.get(0).event();
        assertThat(event.type()).as(route.toString()).isEqualTo(type);
        assertThat(event.httpStatus()).as(route.toString()).isEqualTo(status);
        assertThat(event.outcome()).as(route.toString()).isEqualTo(AuditOutcome.ofHttpStatus(status));
        assertThat(event.request()).as(route.toString()).startsWith(route.method() + " " + expand(route.pattern()));
        assertThat(event.clientAddress()).as(route.toString()).isEqualTo("127.0.0.1");
        assertThat(event.occurredAt()).as(route.toString()).isBefore(Instant.now().plusSeconds(1));
        if (token == null) {
            assertThat(event.subject()).as(route.toString()).isNull();
        } else {
            assertThat(event.subject()).as(route.toString())
                    .isEqualTo(JWTParser.parse(token).getJWTClaimsSet().getSubject());
            assertThat(event.roles()).as(route.toString()).isEqualTo(roleOf(token));
            assertThat(event.site()).as(route.toString()).isNotBlank();
        }
        if (route.pattern().contains("{study}") && status == 200) {
            assertThat(event.studyInstanceUid()).as(route.toString()).isEqualTo(pathValues.get("study"));
        }
    }

    /** Waits for the expected count: a streamed answer is recorded once written, just after the client has it. */
    private List<AuditRecord> newAuditEvents(int expected) throws InterruptedException {
        Instant deadline = Instant.now().plus(expected == 0 ? Duration.ofMillis(300) : AUDIT_WAIT);
        List<AuditRecord> events = List.of();
        while (Instant.now().isBefore(deadline)) {
            events = trail.list(null, null, AuditTrail.MAX_LIMIT, auditRowsSeen);
            if (expected > 0 && events.size() >= expected) {
                break;
            }
            Thread.sleep(20);
        }
        auditRowsSeen += events.size();
        return events;
    }

    /** Skips what is in the trail so far (other calls of the test): the walk checks the events of its own calls. */
    private void skipAuditSoFar() {
        for (List<AuditRecord> page = trail.list(null, null, AuditTrail.MAX_LIMIT, auditRowsSeen); !page.isEmpty();
                page = trail.list(null, null, AuditTrail.MAX_LIMIT, auditRowsSeen)) {
            auditRowsSeen += page.size();
        }
    }

    private String roleOf(String token) {
        return tokenOfRole.entrySet().stream().filter(e -> e.getValue().equals(token)).map(Map.Entry::getKey)
                .findFirst().orElseThrow();
    }

    private static List<String> patterns(RequestMappingInfo info) {
        return List.copyOf(info.getPathPatternsCondition().getPatternValues());
    }

    private static List<HttpMethod> methods(RequestMappingInfo info) {
        Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
        return methods.isEmpty() ? List.of(HttpMethod.GET)
                : methods.stream().map(m -> HttpMethod.valueOf(m.name())).toList();
    }

    private static String text(HttpResponse<byte[]> response) {
        String body = new String(response.body(), StandardCharsets.UTF_8);
        return body.length() > 500 ? body.substring(0, 500) + "..." : body;
    }
}
