package io.vigie.inference.detection;

import io.vigie.inference.volume.CtVolume;
import io.vigie.inference.volume.VolumeWorkers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The lung-nodule detector: lung mask, candidates at several levels, a patch per candidate scored by the model, then
 * the candidates that one lesion gave at several levels merged (the most probable kept). {@link #score} returns every
 * merged candidate (for FROC evaluation); {@link #detect} keeps those at or above the model's operating threshold.
 */
public final class NoduleDetector implements AutoCloseable {

    /**
     * A scored candidate: position, size and voxels from the candidate's segmentation, probability from the model
     * (whose name and version are {@link NoduleDetector#model()}'s).
     */
    public record Finding(Candidate candidate, double probability) {

        /** Centre in patient coordinates, mm. */
        public double[] centreMm() {
            return candidate.centre();
        }

        public double diameterMm() {
            return candidate.diameterMm();
        }

        public double volumeMm3() {
            return candidate.volumeMm3();
        }
    }

    /**
     * One volume analysed: the findings at the operating point, every merged candidate scored, the model, and where
     * the time went (nanoseconds).
     */
    public record Analysis(List<Finding> findings, List<Finding> scored, ModelDescriptor model, Timing timing) {
    }

    /** Time per stage (lung mask, candidates, patch sampling, the model, merging) and the patches scored. */
    public record Timing(long lungMaskNanos, long candidateNanos, long samplingNanos, long modelNanos,
                         long mergeNanos, int patchesScored) {
        public long preprocessingNanos() {
            return lungMaskNanos + candidateNanos + samplingNanos;
        }
    }

    /** Patches scored per forward pass: bounds memory whatever the number of candidates. */
    private static final int BATCH = 64;

    private final PatchScorer scorer;
    private final PatchSampler sampler;
    private final ModelDescriptor model;

    public NoduleDetector(PatchScorer scorer, ModelDescriptor model) {
        this.scorer = scorer;
        this.model = model;
        this.sampler = model.sampler();
    }

    /** The model that scores: name, version, threshold. */
    public ModelDescriptor model() {
        return model;
    }

    /** Every merged candidate with its probability, most probable first. */
    public List<Finding> score(CtVolume volume) {
        return analyse(volume).scored();
    }

    /** The findings at the model's operating point, most probable first. */
    public List<Finding> detect(CtVolume volume) {
        return analyse(volume).findings();
    }

    public Analysis analyse(CtVolume volume) {
        long t0 = System.nanoTime();
        PackedMask lungs = LungMask.segmentPacked(volume);
        long t1 = System.nanoTime();
        List<Candidate> candidates = CandidateGenerator.generate(volume, lungs);
        long t2 = System.nanoTime();
        int voxels = sampler.voxels();
        long sampling = 0;
        long scoring = 0;
        List<Finding> findings = new ArrayList<>();
        for (int start = 0; start < candidates.size(); start += BATCH) {
            long s0 = System.nanoTime();
            List<Candidate> batch = candidates.subList(start, Math.min(candidates.size(), start + BATCH));
            float[] patches = new float[batch.size() * voxels];
            // Each patch is written to its own part of the batch, so the threads need nothing but their buffers.
            VolumeWorkers.forEach(batch.size(), PatchSampler.Scratch::new, (scratch, i) ->
                    sampler.sample(volume, batch.get(i).voxelCentre(), patches, i * voxels, scratch));
            long s1 = System.nanoTime();
            float[] probabilities = scorer.probabilities(patches, batch.size(), sampler.size());
            long s2 = System.nanoTime();
            sampling += s1 - s0;
            scoring += s2 - s1;
            for (int i = 0; i < batch.size(); i++) {
                findings.add(new Finding(batch.get(i), probabilities[i]));
            }
        }
        long m0 = System.nanoTime();
        List<Finding> merged = merge(findings);
        List<Finding> kept = merged.stream().filter(f -> f.probability() >= model.threshold()).toList();
        long m1 = System.nanoTime();
        Timing timing = new Timing(t1 - t0, t2 - t1, sampling, scoring, m1 - m0, candidates.size());
        return new Analysis(kept, merged, model, timing);
    }

    /**
     * Most probable first; a candidate whose centre lies inside a more probable one's radius is the same lesion seen
     * at another level (or a part of it) and is dropped, as LUNA16 would count it once.
     */
    /** Frees the model. */
    @Override
    public void close() {
        scorer.close();
    }

    static List<Finding> merge(List<Finding> findings) {
        List<Finding> sorted = new ArrayList<>(findings);
        sorted.sort(Comparator.comparingDouble(Finding::probability).reversed());
        List<Finding> kept = new ArrayList<>();
        for (Finding finding : sorted) {
            boolean duplicate = false;
            for (Finding k : kept) {
                if (k.candidate().distanceMm(finding.candidate().centre()) <= k.candidate().diameterMm() / 2) {
                    duplicate = true;
                    break;
                }
            }
            if (!duplicate) {
                kept.add(finding);
            }
        }
        return kept;
    }
}
