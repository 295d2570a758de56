package io.vigie.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * dcmtk's {@code storescu -v -nh} sending files over one association, watched while it runs: which file got which
 * C-STORE response, as storescu itself reported it. A test can act (kill the server, stop its database) once some
 * number of instances were acknowledged, then read what the sender saw.
 */
public final class StorescuSession implements AutoCloseable {

    private static final String SENDING = "I: Sending file: ";
    private static final String RESPONSE = "I: Received Store Response (";

    private final Process process;
    private final Thread reader;
    private final Map<Path, String> responses = new LinkedHashMap<>();
    private final StringBuilder output = new StringBuilder();
    private Path current;

    private StorescuSession(Process process) {
        this.process = process;
        this.reader = new Thread(this::readOutput, "storescu-output");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /** Starts sending {@code files} to {@code calledAe} at 127.0.0.1:port, in order, on one association. */
    public static StorescuSession start(String callingAe, String calledAe, int port, List<Path> files) {
        // -nh: go on after a failure status, as a PACS goes on with the next instance and retries the failed later.
        List<String> command = new ArrayList<>(List.of("storescu", "-v", "-nh", "-aet", callingAe, "-aec", calledAe,
                "127.0.0.1", Integer.toString(port)));
        files.forEach(f -> command.add(f.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("TCP_NODELAY", "1");
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            return new StorescuSession(process);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run storescu (apt-get install dcmtk)", e);
        }
    }

    private void readOutput() {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                record(line);
            }
        } catch (IOException e) {
            // The process ended; what was read is what it said.
        }
    }

    private synchronized void record(String line) {
        output.append(line).append('\n');
        if (line.startsWith(SENDING)) {
            current = Path.of(line.substring(SENDING.length()).trim());
        } else if (line.startsWith(RESPONSE) && current != null) {
            responses.put(current, line.substring(RESPONSE.length(), line.lastIndexOf(')')));
            current = null;
        }
        notifyAll();
    }

    /** Waits until at least {@code count} files were answered Success, or storescu ended, or the timeout passed. */
    public synchronized int awaitSuccesses(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (succeeded().size() < count && reader.isAlive()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return succeeded().size();
    }

    /** Waits until at least {@code count} files got a response other than Success (or storescu ended). */
    public synchronized int awaitFailures(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (failed().size() < count && reader.isAlive()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return failed().size();
    }

    /** Waits for storescu to end; kills it after the timeout. Returns its exit code. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new IllegalStateException("storescu still running after " + timeout + ":\n" + output());
        }
        reader.join(TimeUnit.SECONDS.toMillis(10));
        return process.exitValue();
    }

    /** Every file that got a response, with storescu's words for it ("Success", "Error: CannotUnderstand"...). */
    public synchronized Map<Path, String> responses() {
        return Map.copyOf(responses);
    }

    public synchronized List<Path> succeeded() {
        return responses.entrySet().stream().filter(e -> e.getValue().equals("Success")).map(Map.Entry::getKey)
                .toList();
    }

    public synchronized List<Path> failed() {
        return responses.entrySet().stream().filter(e -> !e.getValue().equals("Success")).map(Map.Entry::getKey)
                .toList();
    }

    public synchronized String output() {
        return output.toString();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
