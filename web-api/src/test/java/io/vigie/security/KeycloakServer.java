package io.vigie.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Keycloak for one test class: the distribution the build unpacked into {@code target/keycloak}
 * ({@code vigie.keycloak.home}) started in development mode on a free loopback port, with an in-memory database
 * (so every run imports {@code deploy/keycloak/vigie-realm.json} afresh) and a random bootstrap administrator.
 * It starts in the background as soon as it is created; {@link #awaitRealm} waits for the realm's OIDC discovery
 * document. {@link #close} stops it; a shutdown hook does too if the test JVM ends first.
 */
final class KeycloakServer implements AutoCloseable {

    static final String REALM = "vigie";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
    private static final Pattern LOGIN_FORM = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path log;
    private final int port;
    private final String adminPassword = UUID.randomUUID().toString();
    private final Process process;
    private final Thread stopOnExit = new Thread(this::stop, "stop-keycloak");
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private KeycloakServer(Path home, Path realmFile) throws IOException {
        Path kc = home.resolve("bin/kc.sh");
        if (!Files.isRegularFile(kc)) {
            throw new IllegalStateException("no Keycloak at " + home + ": the build unpacks it at pre-integration-test"
                    + " (./mvnw verify), or set -Dvigie.keycloak.home");
        }
        Path imports = Files.createDirectories(home.resolve("data/import"));
        try (var old = Files.list(imports)) {
            for (Path file : old.toList()) {
                Files.delete(file);
            }
        }
        Files.copy(realmFile, imports.resolve("vigie-realm.json"), StandardCopyOption.REPLACE_EXISTING);
        this.port = freeLoopbackPort();
        this.log = home.resolve("keycloak-" + port + ".log");
        ProcessBuilder builder = new ProcessBuilder("sh", kc.toString(), "start-dev", "--db=dev-mem",
                "--http-host=127.0.0.1", "--http-port=" + port, "--import-realm")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
        this.process = builder.start();
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    /** Starts Keycloak in the background with the realm file of {@code vigie.keycloak.realm}. */
    static KeycloakServer start() {
        try {
            return new KeycloakServer(Path.of(System.getProperty("vigie.keycloak.home", "target/keycloak/keycloak")),
                    Path.of(System.getProperty("vigie.keycloak.realm", "../deploy/keycloak/vigie-realm.json")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Keycloak", e);
        }
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + port);
    }

    String issuerUri() {
        return base() + "/realms/" + REALM;
    }

    /** Waits until the realm is imported and Keycloak answers its discovery document. */
    void awaitRealm() throws Exception {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        URI discovery = URI.create(issuerUri() + "/.well-known/openid-configuration");
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + ":\n" + logTail());
            }
            try {
                if (http.send(HttpRequest.newBuilder(discovery).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Keycloak not ready after " + START_TIMEOUT + ":\n" + logTail());
    }

    /** A partial import into the realm (users, for tests), through the admin REST API. */
    void partialImport(InputStream representation) throws Exception {
        HttpResponse<String> imported = http.send(HttpRequest.newBuilder(
                        URI.create(base() + "/admin/realms/" + REALM + "/partialImport"))
                .header("Authorization", "Bearer " + masterRealmToken()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(representation.readAllBytes())).build(),
                HttpResponse.BodyHandlers.ofString());
        require(imported, 200, "partial import");
    }

    /** The secret Keycloak generated for a confidential client at import (the realm file holds none). */
    String clientSecret(String clientId) throws Exception {
        String admin = masterRealmToken();
        JsonNode clients = getJson("/admin/realms/" + REALM + "/clients?clientId=" + clientId, admin);
        String id = clients.get(0).get("id").asString();
        return getJson("/admin/realms/" + REALM + "/clients/" + id + "/client-secret", admin).get("value").asString();
    }

    /** Client credentials grant: a service's token. */
    String clientCredentialsToken(String clientId, String secret) throws Exception {
        return token(REALM, Map.of("grant_type", "client_credentials", "client_id", clientId,
                "client_secret", secret));
    }

    /**
     * A user's token as the web viewer gets it: authorization code with PKCE (S256) through Keycloak's login form,
     * by the public client {@code vigie-viewer}.
     */
    String viewerLogin(String username, String password) throws Exception {
        String verifier = base64Url(randomBytes(32));
        String challenge = base64Url(MessageDigest.getInstance("SHA-256")
                .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        String redirect = "http://localhost:8080/callback";
        HttpResponse<String> loginPage = http.send(HttpRequest.newBuilder(URI.create(issuerUri()
                        + "/protocol/openid-connect/auth?" + form(Map.of("client_id", "vigie-viewer",
                        "response_type", "code", "scope", "openid", "redirect_uri", redirect, "state", "walk",
                        "code_challenge", challenge, "code_challenge_method", "S256")))).build(),
                HttpResponse.BodyHandlers.ofString());
        require(loginPage, 200, "login page");
        Matcher action = LOGIN_FORM.matcher(loginPage.body());
        if (!action.find()) {
            throw new IllegalStateException("no login form in Keycloak's page:\n" + loginPage.body());
        }
        // Keycloak's session cookies are Secure: an HTTP client's cookie store keeps them off plain http, so they
        // are sent back by hand.
        String cookies = loginPage.headers().allValues("Set-Cookie").stream()
                .map(cookie -> cookie.split(";", 2)[0]).collect(Collectors.joining("; "));
        HttpResponse<String> loggedIn = http.send(HttpRequest.newBuilder(
                        URI.create(action.group(1).replace("&amp;", "&")))
                .header("Cookie", cookies).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", username, "password", password))))
                .build(), HttpResponse.BodyHandlers.ofString());
        require(loggedIn, 302, "login of " + username);
        URI callback = URI.create(loggedIn.headers().firstValue("Location").orElseThrow());
        String code = query(callback).get("code");
        if (code == null) {
            throw new IllegalStateException("login of " + username + " refused: " + callback);
        }
        return token(REALM, Map.of("grant_type", "authorization_code", "client_id", "vigie-viewer", "code", code,
                "redirect_uri", redirect, "code_verifier", verifier));
    }

    /** Where an authorization request without PKCE is sent back to (with an error, if Keycloak refuses it). */
    URI authorizationWithoutPkce() throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(issuerUri()
                + "/protocol/openid-connect/auth?" + form(Map.of("client_id", "vigie-viewer", "response_type", "code",
                "scope", "openid", "redirect_uri", "http://localhost:8080/callback", "state", "s")))).build(),
                HttpResponse.BodyHandlers.ofString());
        require(answer, 302, "authorization without PKCE");
        return URI.create(answer.headers().firstValue("Location").orElseThrow());
    }

    /** The status of a token request with any grant, and its body. */
    HttpResponse<String> tokenRequest(Map<String, String> grant) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(issuerUri() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(grant))).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The bootstrap administrator's token, from the master realm: Keycloak-signed, but not Vigie's issuer. */
    String masterRealmToken() throws Exception {
        return token("master", Map.of("grant_type", "password", "client_id", "admin-cli", "username", "admin",
                "password", adminPassword));
    }

    private String token(String realm, Map<String, String> grant) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(base() + "/realms/" + realm + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(grant))).build(), HttpResponse.BodyHandlers.ofString());
        require(response, 200, grant.get("grant_type") + " token");
        return JSON.readTree(response.body()).get("access_token").asString();
    }

    private JsonNode getJson(String path, String token) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base() + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        require(response, 200, path);
        return JSON.readTree(response.body());
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or has run
        }
    }

    private void stop() {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        descendants.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                descendants.forEach(ProcessHandle::destroyForcibly);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    boolean isRunning() {
        return process.isAlive();
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    private static void require(HttpResponse<String> response, int status, String what) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(what + ": Keycloak answered " + response.statusCode() + " "
                    + response.body());
        }
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(f -> URLEncoder.encode(f.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(f.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    static Map<String, String> query(URI uri) {
        return Arrays.stream(uri.getRawQuery().split("&")).map(p -> p.split("=", 2))
                .collect(Collectors.toMap(p -> p[0], p -> p.length > 1
                        ? URLDecoder.decode(p[1], StandardCharsets.UTF_8) : "", (a, b) -> a));
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
