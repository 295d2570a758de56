package io.vigie.inference.training;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Model;
import io.vigie.inference.detection.NoduleClassifier;
import io.vigie.inference.detection.PatchSampler;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A few epochs on a tiny set made like the real one: every loss finite, and the loss goes down. */
class DetectorTrainerTest {

    @Test
    void lossesAreFiniteAndDecreaseOnATinySet() {
        TrainingScan scan = DetectorExperiment.withNodules("phantom-tiny", DetectorExperiment.phantom(99), 99, 6,
                List.of());
        PatchSet patches = new PatchSet(new PatchSampler(16, 2.5, -1000, 400));
        patches.add(scan, 4, 20, new Random(5));
        assertThat(patches.positives()).isPositive();
        assertThat(patches.size() - patches.positives()).isPositive();

        DetectorTrainer.Result result;
        try (Model model = NoduleClassifier.newModel()) {
            result = new DetectorTrainer(4, 8, 16, 2e-3f, 11).train(model, patches, 16);
        }

        List<Float> losses = result.epochLosses();
        assertThat(losses).hasSize(4).allSatisfy(loss -> assertThat(Float.isFinite(loss)).isTrue());
        assertThat(losses.get(3)).as("last epoch's loss against the first's, %s", losses)
                .isLessThan(losses.get(0));
    }
}
