package io.vigie.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs Debian's dcmtk tools as real peer processes over TCP on loopback. */
public final class Dcmtk {

    /** What a dcmtk process did: its exit code and everything it printed. */
    public record Result(int exitCode, String output) {
        public boolean succeeded() {
            return exitCode == 0;
        }
    }

    private Dcmtk() {
    }

    /** C-STORE the files to {@code calledAe} at 127.0.0.1:port with storescu, one association. */
    public static Result storescu(String callingAe, String calledAe, int port, List<Path> files) {
        List<String> command = new ArrayList<>(List.of("storescu", "-aet", callingAe, "-aec", calledAe, "127.0.0.1",
                Integer.toString(port)));
        files.forEach(f -> command.add(f.toString()));
        return run(command);
    }

    /** As {@link #storescu}, verbose: the output then shows each C-STORE response status. */
    public static Result storescuVerbose(String callingAe, String calledAe, int port, List<Path> files) {
        List<String> command = new ArrayList<>(List.of("storescu", "-v", "-aet", callingAe, "-aec", calledAe,
                "127.0.0.1", Integer.toString(port)));
        files.forEach(f -> command.add(f.toString()));
        return run(command);
    }

    /** C-ECHO with echoscu. */
    public static Result echoscu(String callingAe, String calledAe, int port) {
        return run(List.of("echoscu", "-aet", callingAe, "-aec", calledAe, "127.0.0.1", Integer.toString(port)));
    }

    /**
     * C-FIND with findscu; each response identifier is written to {@code responses} as rsp0001.dcm, rsp0002.dcm...
     *
     * @param model "-S" (Study Root) or "-P" (Patient Root)
     * @param keys  "Keyword=value" or "Keyword" (asked for, universal matching), as findscu's -k
     */
    public static Result findscu(String model, int port, String calledAe, Path responses, List<String> keys) {
        List<String> command = new ArrayList<>(List.of("findscu", "-v", model, "-aet", "FINDSCU", "-aec", calledAe,
                "-X", "-od", responses.toString()));
        keys.forEach(k -> command.addAll(List.of("-k", k)));
        command.addAll(List.of("127.0.0.1", Integer.toString(port)));
        return run(command);
    }

    /** C-GET with getscu: the instances received are written to {@code received}. */
    public static Result getscu(String model, int port, String calledAe, Path received, List<String> keys) {
        List<String> command = new ArrayList<>(List.of("getscu", "-v", model, "-aet", "GETSCU", "-aec", calledAe,
                "-od", received.toString()));
        keys.forEach(k -> command.addAll(List.of("-k", k)));
        command.addAll(List.of("127.0.0.1", Integer.toString(port)));
        return run(command);
    }

    /** C-MOVE with movescu, asking the SCP to send to {@code destination}. */
    public static Result movescu(String model, int port, String calledAe, String destination, List<String> keys) {
        List<String> command = new ArrayList<>(List.of("movescu", "-v", model, "-aet", "MOVESCU", "-aec", calledAe,
                "-aem", destination));
        keys.forEach(k -> command.addAll(List.of("-k", k)));
        command.addAll(List.of("127.0.0.1", Integer.toString(port)));
        return run(command);
    }

    /** A storescp process receiving into a folder, on a free loopback port, until closed. */
    public static final class StoreScp implements AutoCloseable {
        private final Process process;
        private final int port;

        private StoreScp(Process process, int port) {
            this.process = process;
            this.port = port;
        }

        public int port() {
            return port;
        }

        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Starts storescp as {@code aeTitle}, writing what it receives to {@code folder}; returns once it listens. */
    public static StoreScp storescp(String aeTitle, Path folder) {
        int port = Loopback.freePort();
        ProcessBuilder builder = new ProcessBuilder("storescp", "-aet", aeTitle, "-od", folder.toString(),
                Integer.toString(port)).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        try {
            StoreScp scp = new StoreScp(builder.start(), port);
            Loopback.awaitListening(port, 10_000);
            return scp;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run storescp (apt-get install dcmtk)", e);
        }
    }

    /** Runs one command with TCP_NODELAY=1 (dcmtk honours it), waiting at most two minutes. */
    public static Result run(List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("TCP_NODELAY", "1");
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + command);
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command.get(0) + " (apt-get install dcmtk)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
