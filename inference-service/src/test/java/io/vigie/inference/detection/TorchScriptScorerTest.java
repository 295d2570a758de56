package io.vigie.inference.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.vigie.testing.TorchScriptArchive;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A TorchScript model loaded and run through DJL's PyTorch engine, as a hospital's own model would be: the scores
 * come from libtorch running the module's source, and are checked against the same formula computed here.
 */
class TorchScriptScorerTest {

    private static final int SIZE = 4;

    @TempDir
    Path dir;

    @Test
    void logitsOfEachPatchComeBackAsProbabilitiesInPatchOrder() throws IOException {
        Path file = TorchScriptArchive.write(dir.resolve("mean.pt"), "torch.sub(torch.mean(x, [1, 2, 3, 4]), 0.5)");
        float[] patches = randomPatches(3);
        try (TorchScriptScorer scorer = TorchScriptScorer.load(file, true)) {
            float[] probabilities = scorer.probabilities(patches, 3, SIZE);
            assertThat(probabilities).hasSize(3);
            for (int i = 0; i < 3; i++) {
                double logit = mean(patches, i) - 0.5;
                assertThat(probabilities[i]).isCloseTo((float) (1 / (1 + Math.exp(-logit))), within(1e-5f));
            }
        }
    }

    @Test
    void probabilitiesAsNByOneAreTakenAsTheyAre() throws IOException {
        Path file = TorchScriptArchive.write(dir.resolve("max.pt"),
                "torch.unsqueeze(torch.amax(x, [1, 2, 3, 4]), 1)");
        float[] patches = randomPatches(2);
        try (TorchScriptScorer scorer = TorchScriptScorer.load(file, false)) {
            float[] probabilities = scorer.probabilities(patches, 2, SIZE);
            for (int i = 0; i < 2; i++) {
                float max = 0;
                for (int v = i * SIZE * SIZE * SIZE; v < (i + 1) * SIZE * SIZE * SIZE; v++) {
                    max = Math.max(max, patches[v]);
                }
                assertThat(probabilities[i]).isEqualTo(max);
            }
        }
    }

    @Test
    void aModelsOwnWeightsAreLoadedWithIt() throws IOException {
        int n = SIZE * SIZE * SIZE;
        float[] weight = new float[n];
        for (int v = 0; v < n; v++) {
            weight[v] = (v % 7 - 3) / 10f;
        }
        Path file = TorchScriptArchive.write(dir.resolve("linear.pt"),
                "torch.sum(torch.mul(x, self.weight), [1, 2, 3, 4])", weight, 1, 1, SIZE, SIZE, SIZE);
        float[] patches = randomPatches(4);
        try (TorchScriptScorer scorer = TorchScriptScorer.load(file, true)) {
            float[] probabilities = scorer.probabilities(patches, 4, SIZE);
            for (int i = 0; i < 4; i++) {
                double logit = 0;
                for (int v = 0; v < n; v++) {
                    logit += patches[i * n + v] * weight[v];
                }
                assertThat(probabilities[i]).isCloseTo((float) (1 / (1 + Math.exp(-logit))), within(1e-5f));
            }
        }
    }

    @Test
    void anOutputOfAnotherShapeIsRefusedWithTheContract() throws IOException {
        Path file = TorchScriptArchive.write(dir.resolve("whole.pt"), "torch.mean(x, [1, 2, 3])");
        try (TorchScriptScorer scorer = TorchScriptScorer.load(file, true)) {
            assertThatThrownBy(() -> scorer.probabilities(randomPatches(2), 2, SIZE))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("the contract is N or N x 1");
        }
    }

    private static float[] randomPatches(int count) {
        Random random = new Random(count);
        float[] patches = new float[count * SIZE * SIZE * SIZE];
        for (int i = 0; i < patches.length; i++) {
            patches[i] = random.nextFloat();
        }
        return patches;
    }

    private static double mean(float[] patches, int patch) {
        int n = SIZE * SIZE * SIZE;
        double sum = 0;
        for (int v = patch * n; v < (patch + 1) * n; v++) {
            sum += patches[v];
        }
        return sum / n;
    }
}
