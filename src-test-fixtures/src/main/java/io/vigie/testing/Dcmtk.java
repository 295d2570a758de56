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
