package io.vigie.inference.detection;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.inference.volume.CtVolume;
import io.vigie.inference.volume.TestVolumes;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Lung mask and candidates on the real LIDC-IDRI-0001 slices, against the LUNA16 reference nodule. */
class CandidateGeneratorTest {

    private static final double[] NODULE = {56.2, 86.3, -115.9};
    private static final double NODULE_DIAMETER = 23.4;

    private static CtVolume volume;
    private static boolean[] lungs;

    @BeforeAll
    static void load() throws Exception {
        volume = TestVolumes.lidc0001();
        lungs = LungMask.segment(volume);
    }

    @Test
    void theLungMaskHoldsTheNoduleAndTheLungsButNotTheBodyOrTheAirAround() {
        assertThat(inMask(NODULE)).as("nodule centre").isTrue();
        assertThat(inMask(new double[] {NODULE[0] - 28, NODULE[1], NODULE[2]})).as("lung beside it").isTrue();
        int w = volume.width();
        int z = (int) Math.round(volume.toVoxel(NODULE)[2]);
        assertThat(lungs[(z * volume.height()) * w]).as("air outside the body (corner)").isFalse();
        assertThat(inMask(new double[] {0, 0, NODULE[2]})).as("mediastinum at the midline").isFalse();
        long lungVoxels = 0;
        for (boolean voxel : lungs) {
            lungVoxels += voxel ? 1 : 0;
        }
        double fraction = (double) lungVoxels / lungs.length;
        assertThat(fraction).as("share of the field of view that is lung").isBetween(0.08, 0.5);
    }

    @Test
    void theReferenceNoduleIsACandidateWithAboutItsSize() {
        List<Candidate> candidates = CandidateGenerator.generate(volume, lungs);
        Candidate nearest = candidates.stream()
                .min(Comparator.comparingDouble(c -> distance(c.centre(), NODULE))).orElseThrow();
        assertThat(distance(nearest.centre(), NODULE)).as("distance to the reference centre, mm")
                .isLessThan(NODULE_DIAMETER / 2);
        assertThat(nearest.diameterMm()).as("equivalent diameter, mm").isBetween(12.0, 30.0);
        assertThat(nearest.meanHu()).isGreaterThan(-400);
        int[] voxels = nearest.voxels();
        assertThat(voxels.length * volume.spacing()[0] * volume.spacing()[1] * volume.spacing()[2])
                .as("the voxel region is the candidate's volume").isCloseTo(nearest.volumeMm3(),
                        org.assertj.core.data.Percentage.withPercentage(0.01));
        assertThat(voxels).isSorted();
        assertThat(java.util.Arrays.stream(voxels).allMatch(v -> volume.hu()[v] > -720f)).as("all dense").isTrue();
    }

    @Test
    void groundGlassAndSolidLevelsBothPropose() {
        for (CandidateGenerator.Level level : CandidateGenerator.LEVELS) {
            List<Candidate> found = CandidateGenerator.generate(volume, lungs, level);
            assertThat(found).as("level %s", level).allSatisfy(c -> {
                assertThat(c.diameterMm()).isBetween(CandidateGenerator.MIN_DIAMETER_MM,
                        CandidateGenerator.MAX_DIAMETER_MM);
                assertThat(java.util.Arrays.stream(c.voxels()).allMatch(v -> lungs[v])).as("inside the lungs").isTrue();
            });
        }
    }

    private static boolean inMask(double[] patient) {
        double[] v = volume.toVoxel(patient);
        int x = (int) Math.round(v[0]);
        int y = (int) Math.round(v[1]);
        int z = (int) Math.round(v[2]);
        return lungs[(z * volume.height() + y) * volume.width() + x];
    }

    private static double distance(double[] a, double[] b) {
        return Math.sqrt(Math.pow(a[0] - b[0], 2) + Math.pow(a[1] - b[1], 2) + Math.pow(a[2] - b[2], 2));
    }
}
