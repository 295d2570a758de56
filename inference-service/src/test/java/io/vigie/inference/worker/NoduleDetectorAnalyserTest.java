package io.vigie.inference.worker;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigie.inference.detection.ModelDescriptor;
import io.vigie.inference.detection.PatchSampler;
import io.vigie.inference.findings.ModelVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The inference role's start-up check: a model that is not there, of another version, or without weights. */
class NoduleDetectorAnalyserTest {

    private static final ModelVersion MODEL = new ModelVersion("vigie-nodule-fp", "1");

    @Test
    void aMissingModelSaysWhereItWasLookedFor(@TempDir Path models) {
        assertThatThrownBy(() -> NoduleDetectorAnalyser.load(models, MODEL))
                .isInstanceOf(ModelUnavailableException.class)
                .hasMessageContaining("model vigie-nodule-fp:1 not found")
                .hasMessageContaining(models.resolve("vigie-nodule-fp").toAbsolutePath().toString());
    }

    @Test
    void aModelOfAnotherVersionIsRefused(@TempDir Path models) throws Exception {
        descriptor(models, "2");
        assertThatThrownBy(() -> NoduleDetectorAnalyser.load(models, MODEL))
                .isInstanceOf(ModelUnavailableException.class)
                .hasMessageContaining("is vigie-nodule-fp:2, not vigie-nodule-fp:1");
    }

    @Test
    void aDescriptorWithoutWeightsIsRefused(@TempDir Path models) throws Exception {
        descriptor(models, "1");
        assertThatThrownBy(() -> NoduleDetectorAnalyser.load(models, MODEL))
                .isInstanceOf(ModelUnavailableException.class)
                .hasMessageContaining("weights of model vigie-nodule-fp:1");
    }

    @Test
    void aModelIsNamedNameColonVersion() {
        assertThatThrownBy(() -> ModelVersion.parse("vigie-nodule-fp")).hasMessageContaining("name:version");
        assertThatThrownBy(() -> ModelVersion.parse("vigie-nodule-fp:")).hasMessageContaining("name:version");
    }

    private static void descriptor(Path models, String version) throws Exception {
        Path folder = Files.createDirectories(models.resolve("vigie-nodule-fp"));
        new ModelDescriptor("vigie-nodule-fp", version, "CT", "CHEST", 32, 1.25, PatchSampler.WINDOW_LOW_HU,
                PatchSampler.WINDOW_HIGH_HU, 0.5, null, new ModelDescriptor.Training(1, 1, 1, 1, 1, List.of(0.5f)))
                .write(folder);
    }
}
