package io.vigie.inference.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.inference.detection.ModelDescriptor;
import io.vigie.inference.detection.NoduleClassifier;
import io.vigie.inference.detection.NoduleDetector;
import io.vigie.inference.registry.ModelRegistry;
import io.vigie.inference.registry.ModelSelection;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The committed model, measured on a reduced held-out set (phantoms of the held-out seeds and LIDC-IDRI-0001 with
 * its real nodule, none of it seen in training): it must clear a CPM that the same network with random weights does
 * not, and find the real LIDC-IDRI-0001 nodule at its operating point. The full evaluation is
 * exec:java@evaluate-detector; its figures are in docs/model-card.md.
 */
class DetectorEvaluationTest {

    /** Well under the committed model's held-out CPM, well over what an untrained network reaches. */
    static final double MIN_CPM = 0.5;
    private static final int PHANTOMS = 3;

    private static List<TrainingScan> scans;
    private static ModelRegistry registry;

    @BeforeAll
    static void build() throws Exception {
        scans = DetectorExperiment.heldOut(PHANTOMS);
        registry = new ModelRegistry(DetectorExperiment.modelsFolder());
    }

    @Test
    void theCommittedModelClearsTheBoundAndFindsTheRealLidcNodule() throws Exception {
        DetectorEvaluation.Report report;
        try (NoduleDetector detector = registry.open(ModelSelection.parse("lung-nodule:1"))) {
            report = DetectorEvaluation.run(detector, scans);
        }
        System.out.printf("committed model: reduced held-out CPM %.3f over %d nodules%n", report.froc().cpm(),
                report.froc().nodules());
        assertThat(report.froc().nodules()).as("reference nodules >= 4 mm").isGreaterThanOrEqualTo(15);
        assertThat(report.froc().cpm()).as("held-out CPM").isGreaterThanOrEqualTo(MIN_CPM);
        DetectorEvaluation.NoduleResult real = report.nodules().stream()
                .filter(r -> r.nodule() == DetectorExperiment.LIDC_0001_NODULE).findFirst().orElseThrow();
        assertThat(real.found()).as("LIDC-IDRI-0001's nodule at the operating point (best probability %.3f, "
                + "threshold %.3f)", real.bestProbability(), report.threshold()).isTrue();
    }

    @Test
    void anUntrainedNetworkDoesNotClearTheBound() throws Exception {
        ModelDescriptor committed = registry.describe(ModelSelection.parse("lung-nodule:1"));
        try (NoduleDetector untrained = new NoduleDetector(
                NoduleClassifier.untrained(committed.patchSize(), 7), committed)) {
            DetectorEvaluation.Report report = DetectorEvaluation.run(untrained, scans);
            System.out.printf("untrained network: reduced held-out CPM %.3f%n", report.froc().cpm());
            assertThat(report.froc().cpm()).as("CPM with random weights").isLessThan(MIN_CPM);
        }
    }
}
