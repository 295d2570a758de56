package io.vigie.inference.detection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Candidates one lesion gave at several levels count once: the most probable stays, apart lesions all stay. */
class NoduleDetectorMergeTest {

    @Test
    void aCandidateInsideAMoreProbableOnesRadiusIsTheSameLesion() {
        NoduleDetector.Finding nodule = finding(0, 0, 0, 20, 0.9);
        NoduleDetector.Finding sameNoduleOtherLevel = finding(6, 0, 0, 8, 0.95);
        NoduleDetector.Finding vesselBeside = finding(0, 14, 0, 5, 0.3);
        NoduleDetector.Finding farAway = finding(60, 0, 0, 6, 0.1);

        List<NoduleDetector.Finding> merged = NoduleDetector.merge(
                List.of(nodule, sameNoduleOtherLevel, vesselBeside, farAway));

        // The 8 mm one is kept (most probable); the 20 mm one's centre is 6 mm away, outside its 4 mm radius.
        assertThat(merged).containsExactly(sameNoduleOtherLevel, nodule, vesselBeside, farAway);
        assertThat(NoduleDetector.merge(List.of(nodule, finding(3, 0, 0, 5, 0.2)))).containsExactly(nodule);
    }

    private static NoduleDetector.Finding finding(double x, double y, double z, double diameter, double p) {
        return new NoduleDetector.Finding(new Candidate(new double[] {x, y, z}, new double[] {x, y, z}, diameter,
                Math.PI / 6 * diameter * diameter * diameter, 0), p);
    }
}
