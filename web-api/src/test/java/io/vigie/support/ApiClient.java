package io.vigie.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.testing.MultipartRelated;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls a running Vigie over HTTP on loopback as a viewer or a script would, with development tokens, one per role
 * (taken once from the development issuer and reused). A {@link VigieAppTest} has one as a bean: {@code @Autowired
 * ApiClient api}.
 */
public final class ApiClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();
    private final IntSupplier port;
    private final Map<String, String> tokens = new HashMap<>();

    public ApiClient(int port) {
        this(() -> port);
    }

    /** @param port the HTTP port, asked for at each request: a test's context makes the client before it listens */
    ApiClient(IntSupplier port) {
        this.port = port;
    }

    /** {@code path} (with its query) on this Vigie. */
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port.getAsInt() + path);
    }

    /** @param role a role, or {@code role@site} for a token of another site than the default one */
    public HttpResponse<String> get(String path, String role) throws Exception {
        return http.send(request(path, role).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> postJson(String path, String role, String json) throws Exception {
        return http.send(request(path, role).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A GET of {@code path} with {@code token} as bearer token, to add headers to before {@link #send}. */
    public HttpRequest.Builder authorized(String path, String token) {
        return HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token).GET();
    }

    /** Sends the request and checks the status, showing the body when it is another one. */
    public HttpResponse<byte[]> send(HttpRequest.Builder request, int expectedStatus) throws Exception {
        HttpRequest built = request.build();
        HttpResponse<byte[]> response = http.send(built, HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(built.uri() + ": " + new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo(expectedStatus);
        return response;
    }

    /**
     * WADO-RS: the instances at {@code pathOrUrl} (a path on this Vigie, or a RetrieveURL it gave), as the Part 10
     * parts of a {@code multipart/related; type="application/dicom"} answer, which must be 200.
     */
    public List<MultipartRelated.Part> retrieveInstances(String pathOrUrl, String token) throws Exception {
        URI target = pathOrUrl.startsWith("/") ? uri(pathOrUrl) : URI.create(pathOrUrl);
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(target).header("Authorization", "Bearer " + token)
                .header("Accept", "multipart/related; type=\"application/dicom\"").GET(), 200);
        // The length is announced before the body is written: it must be exactly the body's.
        assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(response.body().length);
        return MultipartRelated.parse(response.headers().firstValue("Content-Type").orElseThrow(), response.body());
    }

    /** Sends the request, whatever the status it gets. */
    public HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    public static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /** The subject of the role's development token. */
    public String subject(String role) throws Exception {
        String[] parts = token(role).split("\\.");
        return JSON.readTree(Base64.getUrlDecoder().decode(parts[1])).get("sub").asString();
    }

    /**
     * A development token of the role: {@code "radiologist@nord"} is a radiologist of site nord, a plain role is of
     * the default site.
     */
    public String token(String role) throws Exception {
        String token = tokens.get(role);
        if (token == null) {
            String[] roleAndSite = role.split("@", 2);
            String query = "role=" + roleAndSite[0] + (roleAndSite.length == 2 ? "&site=" + roleAndSite[1] : "");
            HttpResponse<byte[]> issued = send(HttpRequest.newBuilder(uri("/dev-issuer/token?" + query))
                    .timeout(Duration.ofMinutes(1)).POST(HttpRequest.BodyPublishers.noBody()), 200);
            token = JSON.readTree(issued.body()).get("access_token").asString();
            tokens.put(role, token);
        }
        return token;
    }

    private HttpRequest.Builder request(String path, String role) throws Exception {
        return HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token(role));
    }
}
