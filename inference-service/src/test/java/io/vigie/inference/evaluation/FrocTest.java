package io.vigie.inference.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vigie.inference.evaluation.Froc.Detection;
import io.vigie.inference.evaluation.Froc.Nodule;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FrocTest {

    @Test
    void countsHitsWithinTheRadiusOnceAndEverythingElseAsFalsePositives() {
        Map<String, List<Nodule>> truth = Map.of(
                "a", List.of(new Nodule(0, 0, 0, 10), new Nodule(50, 50, 50, 6)),
                "b", List.of());
        Map<String, List<Detection>> detections = Map.of(
                "a", List.of(
                        new Detection(1, 1, 1, 0.9),     // hits the 10 mm nodule
                        new Detection(-2, 0, 0, 0.8),    // same nodule again: neither hit nor false positive
                        new Detection(50, 50, 54, 0.7),  // 4 mm away from the 6 mm nodule: outside its 3 mm radius
                        new Detection(50, 51, 50, 0.3)), // hits the 6 mm nodule
                "b", List.of(new Detection(0, 0, 0, 0.95)));

        Froc.Result result = Froc.evaluate(truth, detections);

        assertThat(result.nodules()).isEqualTo(2);
        assertThat(result.scans()).isEqualTo(2);
        // thresholds 0.95 (1 FP), 0.9 (hit 1), 0.8 (dup), 0.7 (2 FP), 0.3 (hit 2)
        assertThat(result.curve()).extracting(Froc.Point::falsePositivesPerScan)
                .containsExactly(0.5, 0.5, 0.5, 1.0, 1.0);
        assertThat(result.curve()).extracting(Froc.Point::sensitivity).containsExactly(0.0, 0.5, 0.5, 0.5, 1.0);
        assertThat(result.sensitivityAt(0.25)).isZero();
        assertThat(result.sensitivityAt(0.5)).isEqualTo(0.5);
        assertThat(result.sensitivityAt(1)).isEqualTo(1.0);
        // CPM = mean over 1/8..8 of (0, 0, 0.5, 1, 1, 1, 1)
        assertThat(result.cpm()).isCloseTo(4.5 / 7, within(1e-9));
        assertThat(result.thresholdAt(1)).isEqualTo(0.3);
    }

    @Test
    void aPerfectDetectorScoresOne() {
        Map<String, List<Nodule>> truth = Map.of("a", List.of(new Nodule(10, 10, 10, 8)));
        Froc.Result result = Froc.evaluate(truth, Map.of("a", List.of(new Detection(10, 10, 11, 0.99))));
        assertThat(result.cpm()).isEqualTo(1.0);
    }
}
