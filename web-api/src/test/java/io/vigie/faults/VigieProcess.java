package io.vigie.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Vigie as the operator runs it: {@code java -jar web-api/target/vigie.jar} in a process of its own, on loopback
 * ports of its own (DICOM, the API, and the management port that serves {@code /actuator/health}), its output in
 * {@code <dataDir>/vigie-<n>.log}. The tests kill it, restart it on the same data
 * folder, and look at what it left on disk.
 */
final class VigieProcess implements AutoCloseable {

    /** Built by the package phase, which runs before failsafe's integration-test phase. */
    static final Path JAR = Path.of(System.getProperty("vigie.jar", "target/vigie.jar")).toAbsolutePath();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(150);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final Path log;
    final int dicomPort;
    final int httpPort;
    /** {@code management.server.port}: health and metrics are served there, not on the API's port. */
    final int managementPort;

    private VigieProcess(Process process, Path log, int dicomPort, int httpPort, int managementPort) {
        this.process = process;
        this.log = log;
        this.dicomPort = dicomPort;
        this.httpPort = httpPort;
        this.managementPort = managementPort;
    }

    /**
     * Starts Vigie on {@code dataDir} and waits until it answers its health check.
     *
     * @param launcher  words put before {@code java} (e.g. a mount namespace); empty for none
     * @param arguments extra {@code --setting=value} arguments
     */
    static VigieProcess start(Path dataDir, int dicomPort, int httpPort, List<String> launcher,
            List<String> arguments) throws Exception {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: run the package phase first (./mvnw verify)");
        }
        int managementPort = freePort();
        List<String> command = new ArrayList<>(launcher);
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // A small heap, and death on the first OutOfMemoryError: a test then sees any unbounded allocation.
                "-Xmx256m", "-XX:+ExitOnOutOfMemoryError", "-XX:TieredStopAtLevel=1", "-Dai.djl.offline=true",
                "-jar", JAR.toString(),
                "--vigie.data-dir=" + dataDir, "--vigie.dicom.port=" + dicomPort,
                "--vigie.dicom.bind-address=127.0.0.1", "--server.port=" + httpPort,
                "--server.address=127.0.0.1", "--management.server.port=" + managementPort,
                "--management.server.address=127.0.0.1", "--vigie.roles=ingest,api"));
        command.addAll(arguments);
        Files.createDirectories(dataDir);
        Path log = nextLog(dataDir);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("OPT_OUT_TRACKING", "true");
        VigieProcess vigie = new VigieProcess(builder.start(), log, dicomPort, httpPort, managementPort);
        vigie.awaitHealthy();
        return vigie;
    }

    private static Path nextLog(Path dataDir) {
        for (int n = 1; n < 100; n++) {
            Path candidate = dataDir.resolve("vigie-" + n + ".log");
            if (!Files.exists(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("too many logs in " + dataDir);
    }

    private void awaitHealthy() throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Vigie exited with " + process.exitValue() + ":\n" + logTail());
            }
            if (healthStatus() == 200) {
                return;
            }
            Thread.sleep(250);
        }
        close();
        throw new IllegalStateException("Vigie not healthy after " + START_TIMEOUT + ":\n" + logTail());
    }

    /** The HTTP status of {@code /actuator/health} on the management port, or -1 when nothing answers. */
    int healthStatus() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort
                    + "/actuator/health")).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Resident memory of the process, from /proc (Linux). */
    long residentBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmRSS for " + pid());
    }

    /** SIGKILL: no shutdown hook, no flush, no goodbye to its database, as in a crash or an OOM kill. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("Vigie " + pid() + " survived SIGKILL");
        }
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** A graceful stop (SIGTERM), then SIGKILL if it does not end. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
