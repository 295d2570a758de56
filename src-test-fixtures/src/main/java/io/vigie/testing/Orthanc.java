package io.vigie.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Orthanc server (Debian's {@code /usr/sbin/Orthanc}) for one test class: its own configuration and storage in
 * a temporary folder, DICOM and HTTP on loopback ports, no plugins, no authentication (loopback only). Its REST API
 * drives it as a peer: query, retrieve, store.
 */
public final class Orthanc implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    /** A DICOM node Orthanc knows by a name ({@code DicomModalities}). */
    public record Modality(String aeTitle, String host, int port) {
    }

    private final Process process;
    private final String aeTitle;
    private final int dicomPort;
    private final int httpPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Orthanc(Process process, String aeTitle, int dicomPort, int httpPort) {
        this.process = process;
        this.aeTitle = aeTitle;
        this.dicomPort = dicomPort;
        this.httpPort = httpPort;
    }

    /** Starts Orthanc as {@code aeTitle} on {@code dicomPort} and returns once its REST API answers. */
    public static Orthanc start(Path folder, String aeTitle, int dicomPort, Map<String, Modality> modalities)
            throws IOException {
        return start(folder, aeTitle, dicomPort, modalities, Map.of());
    }

    /**
     * As {@link #start(Path, String, int, Map)}, with more configuration: entries of {@code extra} replace or add to
     * the defaults (e.g. {@code "Plugins"} and {@code "DicomWeb"} for the DICOMweb plugin).
     */
    public static Orthanc start(Path folder, String aeTitle, int dicomPort, Map<String, Modality> modalities,
            Map<String, Object> extra) throws IOException {
        Files.createDirectories(folder);
        int httpPort = Loopback.freePort();
        Map<String, Object> configuration = new LinkedHashMap<>();
        configuration.put("Name", "vigie-test-orthanc");
        configuration.put("StorageDirectory", folder.resolve("storage").toString());
        configuration.put("IndexDirectory", folder.resolve("storage").toString());
        configuration.put("DicomAet", aeTitle);
        configuration.put("DicomPort", dicomPort);
        configuration.put("HttpPort", httpPort);
        configuration.put("RemoteAccessAllowed", false);
        configuration.put("AuthenticationEnabled", false);
        configuration.put("Plugins", List.of());
        configuration.put("SaveJobs", false);
        // Orthanc drops an idle kept-alive connection after a second, and Java's HttpClient would then send the next
        // POST on it and read nothing back: one connection per request instead.
        configuration.put("KeepAlive", false);
        // Close SCU associations at once rather than keep them 5 s for a next request: the test ends sooner.
        configuration.put("DicomAssociationCloseDelay", 0);
        configuration.put("DicomScuTimeout", 20);
        Map<String, List<Object>> nodes = new LinkedHashMap<>();
        modalities.forEach((name, m) -> nodes.put(name, List.of(m.aeTitle(), m.host(), m.port())));
        configuration.put("DicomModalities", nodes);
        configuration.putAll(extra);
        Path file = folder.resolve("orthanc.json");
        Files.writeString(file, JSON.writeValueAsString(configuration));
        Process process;
        try {
            process = new ProcessBuilder("/usr/sbin/Orthanc", file.toString()).redirectErrorStream(true)
                    .redirectOutput(folder.resolve("orthanc.log").toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run /usr/sbin/Orthanc (apt-get install orthanc)", e);
        }
        Orthanc orthanc = new Orthanc(process, aeTitle, dicomPort, httpPort);
        try {
            orthanc.awaitReady(folder);
        } catch (RuntimeException e) {
            orthanc.close();
            throw e;
        }
        return orthanc;
    }

    public String aeTitle() {
        return aeTitle;
    }

    public int dicomPort() {
        return dicomPort;
    }

    public JsonNode get(String path) {
        return send(request(path).GET());
    }

    public JsonNode post(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    /** Uploads a DICOM file (POST /instances). */
    public JsonNode upload(Path dicomFile) throws IOException {
        return send(request("/instances").header("Content-Type", "application/dicom")
                .POST(HttpRequest.BodyPublishers.ofFile(dicomFile)));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .timeout(Duration.ofSeconds(60));
    }

    private JsonNode send(HttpRequest.Builder request) {
        HttpRequest built = request.build();
        try {
            HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(built.method() + " " + built.uri() + ": HTTP "
                        + response.statusCode() + " " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(built.method() + " " + built.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private void awaitReady(Path folder) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Orthanc exited at start; see " + folder.resolve("orthanc.log"));
            }
            try {
                get("/system");
                return;
            } catch (IllegalStateException notYet) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
        }
        throw new IllegalStateException("Orthanc did not answer within " + START_TIMEOUT + "; see "
                + folder.resolve("orthanc.log"));
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
