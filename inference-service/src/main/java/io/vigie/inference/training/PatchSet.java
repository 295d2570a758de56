package io.vigie.inference.training;

import io.vigie.inference.detection.Candidate;
import io.vigie.inference.detection.CandidateGenerator;
import io.vigie.inference.detection.LungMask;
import io.vigie.inference.detection.PatchSampler;
import io.vigie.inference.volume.CtVolume;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Labelled patches for the classifier, made the way the detector will meet them: every candidate the generator
 * finds, labelled nodule when its centre lies within a known nodule's radius. Each nodule also gives jittered patches
 * around its true centre (so that nodules the generator misses still teach the model), and beside the candidates'
 * own negatives (vessels cut by the opening, bifurcations, pleura) come hard negatives drawn on dense lung voxels
 * far from every nodule: vessel walls, branchings and airway walls the generator would merge or drop.
 */
public final class PatchSet {

    /** Dense voxels (vessel, airway wall) are those above this, inside the lung mask. */
    private static final float HARD_NEGATIVE_MIN_HU = -300f;
    private static final int HARD_NEGATIVE_TRIES = 200_000;

    private final PatchSampler sampler;
    private final List<float[]> patches = new ArrayList<>();
    private final List<Float> labels = new ArrayList<>();

    public PatchSet(PatchSampler sampler) {
        this.sampler = sampler;
    }

    public void add(TrainingScan scan, int jitteredCopies, int hardNegatives, Random random) {
        CtVolume volume = scan.volume();
        boolean[] lungs = LungMask.segment(volume);
        for (Candidate candidate : CandidateGenerator.generate(volume, lungs)) {
            boolean nodule = scan.nodules().stream().anyMatch(n -> within(candidate.centre(), n));
            add(sampler.sample(volume, candidate.voxelCentre()), nodule);
        }
        for (SyntheticNodule nodule : scan.nodules()) {
            for (int copy = 0; copy < jitteredCopies; copy++) {
                double jitterMm = Math.min(2.0, nodule.diameterMm() / 4);
                double[] centre = volume.toVoxel(nodule.centre());
                for (int axis = 0; axis < 3; axis++) {
                    centre[axis] += random.nextGaussian() * jitterMm / volume.spacing()[axis];
                }
                add(sampler.sample(volume, centre), true);
            }
        }
        int added = 0;
        for (int attempt = 0; attempt < HARD_NEGATIVE_TRIES && added < hardNegatives; attempt++) {
            int index = random.nextInt(volume.hu().length);
            if (!lungs[index] || volume.hu()[index] < HARD_NEGATIVE_MIN_HU) {
                continue;
            }
            int x = index % volume.width();
            int y = (index / volume.width()) % volume.height();
            int z = index / (volume.width() * volume.height());
            double[] patient = volume.toPatient(x, y, z);
            if (scan.nodules().stream().anyMatch(n -> distance(patient, n.centre()) < n.diameterMm() / 2 + 5)) {
                continue;
            }
            add(sampler.sample(volume, new double[] {x, y, z}), false);
            added++;
        }
    }

    private void add(float[] patch, boolean nodule) {
        patches.add(patch);
        labels.add(nodule ? 1f : 0f);
    }

    static boolean within(double[] point, SyntheticNodule nodule) {
        return distance(point, nodule.centre()) <= nodule.diameterMm() / 2;
    }

    static double distance(double[] a, double[] b) {
        double dx = a[0] - b[0];
        double dy = a[1] - b[1];
        double dz = a[2] - b[2];
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
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
