package io.vigie.anonymizer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs one of the Debian DICOM tools the tests compare against (dciodvfy, gdcmanon), with a clear error if absent. */
final class ExternalTool {

    private ExternalTool() {
    }

    /** The combined output of the command; it must finish within a minute. */
    static String run(List<String> command) throws IOException, InterruptedException {
        Path output = Files.createTempFile("vigie-tool", ".txt");
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        } catch (IOException e) {
            throw new IOException(command.get(0) + " is not installed (Debian packages dicom3tools, libgdcm-tools; "
                    + ".ci/run installs them)", e);
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(command + " did not finish within a minute");
        }
        String text = Files.readString(output, StandardCharsets.ISO_8859_1);
        Files.delete(output);
        return text;
    }
}
