package io.vigie.inference.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigie.inference.findings.ModelVersion;
import io.vigie.inference.registry.ModelSelection;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inference role's start-up: the committed model opens under its name and version; a model that is not there,
 * or a version that is not, stops start-up with the reason and where it looked.
 */
class NoduleDetectorAnalyserTest {

    /** The repository's model registry (tests run in inference-service/). */
    private static final Path MODELS = Path.of("../models");

    @Test
    void theCommittedModelOpensUnderItsNameAndVersion() {
        try (NoduleDetectorAnalyser analyser = NoduleDetectorAnalyser.open(MODELS,
                ModelSelection.parse("lung-nodule"))) {
            assertThat(analyser.model()).isEqualTo(new ModelVersion("lung-nodule", "1"));
        }
    }

    @Test
    void aMissingModelOrVersionSaysWhereItWasLookedFor(@TempDir Path empty) {
        assertThatThrownBy(() -> NoduleDetectorAnalyser.open(empty, ModelSelection.parse("lung-nodule:1")))
                .isInstanceOf(ModelUnavailableException.class)
                .hasMessageContaining("model lung-nodule:1 cannot be loaded from " + empty.toAbsolutePath())
                .hasMessageContaining("vigie.inference.models-dir");
        assertThatThrownBy(() -> NoduleDetectorAnalyser.open(MODELS, ModelSelection.parse("lung-nodule:99")))
                .isInstanceOf(ModelUnavailableException.class)
                .hasMessageContaining("no version '99'");
    }

    @Test
    void aModelIsNamedNameColonVersion() {
        assertThat(Files.isDirectory(MODELS)).isTrue();
        assertThatThrownBy(() -> ModelVersion.parse("lung-nodule")).hasMessageContaining("name:version");
        assertThatThrownBy(() -> ModelVersion.parse("lung-nodule:")).hasMessageContaining("name:version");
    }
}
