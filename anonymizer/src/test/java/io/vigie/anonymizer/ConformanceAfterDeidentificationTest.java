package io.vigie.anonymizer;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.dicom.DicomInstance;
import io.vigie.testing.PhiCanaryCorpus;
import io.vigie.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** De-identification must not make an instance less valid: dciodvfy finds no error the input did not have. */
class ConformanceAfterDeidentificationTest {

    private static final Path WORK = Path.of("target", "conformance");
    /** Values differ between input and output by design; an error is the same error whatever value it quotes. */
    private static final Pattern QUOTED_VALUE = Pattern.compile("<[^>]*>|\\[\\d+\\] = .*$");

    @Test
    void theCanaryCorpusGainsNoDciodvfyError() throws Exception {
        PhiCanaryCorpus corpus = CanaryCorpusRun.writeCorpus(WORK.resolve("in"));
        CanaryCorpusRun run = CanaryCorpusRun.deidentify(corpus,
                CanaryCorpusRun.withRuleForUltrasound(DeidentificationProfile.research(), corpus),
                WORK.resolve("out"));
        assertThat(run.outputs).hasSize(PhiCanaryCorpus.Kind.values().length);
        for (Map.Entry<Path, Path> entry : run.outputs.entrySet()) {
            assertNoNewError(entry.getKey(), entry.getValue());
        }
    }

    @Test
    void aRealCtSliceGainsNoDciodvfyError() throws Exception {
        Path slice = SharedData.lidcSlices("LIDC-IDRI-0001").get(0);
        DicomInstance instance = CanaryCorpusRun.read(slice);
        new Deidentifier(CanaryCorpusRun.PSEUDONYMS, DeidentificationProfile.research()).deidentify(instance);
        Files.createDirectories(WORK);
        Path output = WORK.resolve("lidc-0001-slice.dcm");
        Files.write(output, instance.toPart10("VIGIE"));
        assertNoNewError(slice, output);
    }

    private static void assertNoNewError(Path input, Path output) throws Exception {
        Set<String> before = errors(input);
        Set<String> after = errors(output);
        after.removeAll(before);
        assertThat(after).as("dciodvfy errors of " + output.getFileName() + " that " + input + " did not have")
                .isEmpty();
    }

    static Set<String> errors(Path file) throws Exception {
        String report = ExternalTool.run(List.of("dciodvfy", file.toString()));
        assertThat(report).as("dciodvfy ran on " + file).doesNotContain("not a DICOM file");
        Set<String> errors = new TreeSet<>();
        for (String line : report.split("\n")) {
            if (line.startsWith("Error")) {
                errors.add(QUOTED_VALUE.matcher(line.trim()).replaceAll("<>"));
            }
        }
        return new LinkedHashSet<>(errors);
    }
}
