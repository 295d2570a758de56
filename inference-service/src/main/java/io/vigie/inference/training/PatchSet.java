package io.vigie.inference.training;

import io.vigie.inference.detection.Candidate;
import io.vigie.inference.detection.CandidateGenerator;
import io.vigie.inference.detection.LungMask;
import io.vigie.inference.detection.PatchSampler;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Labelled patches for the classifier, made the way the detector will meet them: every candidate the generator
 * finds, labelled nodule when it lies within a known nodule's radius. Each nodule also gives jittered patches around
 * its true centre (so that nodules the generator misses still teach the model), and the negatives are what the
 * generator really proposes: vessels, bifurcations, airway walls, pleura.
 */
public final class PatchSet {

    private final PatchSampler sampler;
    private final List<float[]> patches = new ArrayList<>();
    private final List<Float> labels = new ArrayList<>();

    public PatchSet(PatchSampler sampler) {
        this.sampler = sampler;
    }

    public void add(TrainingScan scan, int jitteredCopies, Random random) {
        boolean[] lungs = LungMask.segment(scan.volume());
        for (Candidate candidate : CandidateGenerator.generate(scan.volume(), lungs)) {
            boolean nodule = scan.nodules().stream().anyMatch(n -> within(candidate.centre(), n));
            add(sampler.sample(scan.volume(), candidate.voxelCentre()), nodule);
        }
        for (SyntheticNodule nodule : scan.nodules()) {
            for (int copy = 0; copy < jitteredCopies; copy++) {
                double jitterMm = Math.min(2.0, nodule.diameterMm() / 4);
                double[] centre = nodule.voxelCentre().clone();
                for (int axis = 0; axis < 3; axis++) {
                    centre[axis] += random.nextGaussian() * jitterMm / scan.volume().spacing()[axis];
                }
                add(sampler.sample(scan.volume(), centre), true);
            }
        }
    }

    private void add(float[] patch, boolean nodule) {
        patches.add(patch);
        labels.add(nodule ? 1f : 0f);
    }

    static boolean within(double[] point, SyntheticNodule nodule) {
        double dx = point[0] - nodule.centre()[0];
        double dy = point[1] - nodule.centre()[1];
        double dz = point[2] - nodule.centre()[2];
        return Math.sqrt(dx * dx + dy * dy + dz * dz) <= nodule.diameterMm() / 2;
    }

    public int size() {
        return patches.size();
    }

    public long positives() {
        return labels.stream().filter(l -> l > 0.5f).count();
    }

    public List<float[]> patches() {
        return patches;
    }

    public List<Float> labels() {
        return labels;
    }
}
