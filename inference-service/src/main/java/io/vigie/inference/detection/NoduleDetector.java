package io.vigie.inference.detection;

import io.vigie.inference.volume.CtVolume;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The lung-nodule detector: lung mask, candidates, then the classifier's probability for each candidate. Every
 * candidate is scored (for FROC evaluation); {@link #detect} keeps those at or above the operating threshold.
 */
public final class NoduleDetector {

    /** A scored candidate: position and size from the candidate's segmentation, probability from the model. */
    public record Finding(Candidate candidate, double probability) {
    }

    /** Patches scored per forward pass: bounds memory whatever the number of candidates. */
    private static final int BATCH = 64;

    private final NoduleClassifier classifier;
    private final PatchSampler sampler;

    public NoduleDetector(NoduleClassifier classifier, PatchSampler sampler) {
        this.classifier = classifier;
        this.sampler = sampler;
    }

    /** Every candidate with its probability, most probable first. */
    public List<Finding> score(CtVolume volume) {
        boolean[] lungs = LungMask.segment(volume);
        List<Candidate> candidates = CandidateGenerator.generate(volume, lungs);
        int voxels = sampler.size() * sampler.size() * sampler.size();
        List<Finding> findings = new ArrayList<>();
        for (int start = 0; start < candidates.size(); start += BATCH) {
            List<Candidate> batch = candidates.subList(start, Math.min(candidates.size(), start + BATCH));
            float[] patches = new float[batch.size() * voxels];
            for (int i = 0; i < batch.size(); i++) {
                sampler.sample(volume, batch.get(i).voxelCentre(), patches, i * voxels);
            }
            float[] probabilities = classifier.probabilities(patches, batch.size(), sampler.size());
            for (int i = 0; i < batch.size(); i++) {
                findings.add(new Finding(batch.get(i), probabilities[i]));
            }
        }
        findings.sort(Comparator.comparingDouble(Finding::probability).reversed());
        return findings;
    }

    /** The findings at the operating point. */
    public List<Finding> detect(CtVolume volume, double threshold) {
        return score(volume).stream().filter(f -> f.probability() >= threshold).toList();
    }
}
