package io.vigie;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls a running Vigie over HTTP with development tokens, one per role, as a viewer or a script would. */
final class ApiClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;
    private final Map<String, String> tokens = new HashMap<>();

    ApiClient(int port) {
        this.port = port;
    }

    /** @param role a role, or {@code role@site} for a token of another site than the default one */
    HttpResponse<String> get(String path, String role) throws Exception {
        return http.send(request(path, role).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> postJson(String path, String role, String json) throws Exception {
        return http.send(request(path, role).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /** The subject of the role's development token. */
    String subject(String role) throws Exception {
        String[] parts = token(role).split("\\.");
        return JSON.readTree(Base64.getUrlDecoder().decode(parts[1])).get("sub").asString();
    }

    private HttpRequest.Builder request(String path, String role) throws Exception {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token(role));
    }

    private String token(String role) throws Exception {
        String token = tokens.get(role);
        if (token == null) {
            // "radiologist@nord": a radiologist of site nord; a plain role is of the default site.
            String[] roleAndSite = role.split("@", 2);
            String query = "role=" + roleAndSite[0] + (roleAndSite.length == 2 ? "&site=" + roleAndSite[1] : "");
            HttpResponse<String> issued = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/dev-issuer/token?" + query)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            token = JSON.readTree(issued.body()).get("access_token").asString();
            tokens.put(role, token);
        }
        return token;
    }
}
