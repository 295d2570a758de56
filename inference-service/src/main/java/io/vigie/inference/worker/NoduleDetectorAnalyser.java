package io.vigie.inference.worker;

import io.vigie.inference.detection.CandidateGenerator;
import io.vigie.inference.detection.NoduleDetector;
import io.vigie.inference.findings.ModelVersion;
import io.vigie.inference.registry.ModelRegistry;
import io.vigie.inference.registry.ModelSelection;
import io.vigie.inference.volume.CtVolume;
import io.vigie.inference.volume.SlicePass;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The lung-nodule detector ({@link NoduleDetector}: lung mask, candidates, 3-D CNN, merging, the model's operating
 * threshold) behind {@link SeriesAnalyser}, opened from the model registry ({@code <models-dir>/<name>/<version>/}).
 */
public final class NoduleDetectorAnalyser implements SeriesAnalyser {

    private final NoduleDetector detector;
    private final ModelVersion model;

    /** The lung pass of the volume being assembled; one worker thread uses this analyser, one series at a time. */
    private CandidateGenerator.LungPass assembling;

    private NoduleDetectorAnalyser(NoduleDetector detector) {
        this.detector = detector;
        this.model = new ModelVersion(detector.model().name(), detector.model().version());
    }

    /**
     * Opens the selected model ({@code name:version}, or {@code name} for its highest version).
     *
     * @throws ModelUnavailableException when the folder, the model, the version, its descriptor or its weights are
     *                                   missing or unusable: the inference role cannot start, and says why
     */
    public static NoduleDetectorAnalyser open(Path modelsDir, ModelSelection selection) {
        try {
            return new NoduleDetectorAnalyser(new ModelRegistry(modelsDir).open(selection));
        } catch (IOException | RuntimeException e) {
            throw new ModelUnavailableException("model " + selection + " cannot be loaded from "
                    + modelsDir.toAbsolutePath() + ": " + e.getMessage()
                    + " (set vigie.inference.models-dir / vigie.inference.model, or leave inference out of "
                    + "vigie.roles)", e);
        }
    }

    @Override
    public ModelVersion model() {
        return model;
    }

    /** The lung mask made while the volume is assembled (see {@link #duringAssembly}), until its analysis. */
    @Override
    public SlicePass<?> duringAssembly(CtVolume volume) {
        assembling = detector.lungPass(volume);
        return assembling;
    }

    @Override
    public Detection analyse(CtVolume volume) {
        CandidateGenerator.LungPass lungPass = assembling != null && assembling.volume() == volume ? assembling : null;
        assembling = null;
        NoduleDetector.Analysis analysis = detector.analyse(volume, lungPass);
        return new Detection(analysis.findings().stream()
                .map(f -> new DetectedLesion(f.centreMm(), f.diameterMm(), f.volumeMm3(),
                        checkedProbability(f.probability()), f.candidate().voxels()))
                .toList(), Duration.ofNanos(analysis.timing().preprocessingNanos()));
    }

    /** A NaN from the network is a broken model, not "no finding": it fails the job. */
    private static double checkedProbability(double probability) {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalStateException("the model returned a probability of " + probability);
        }
        return probability;
    }

    @Override
    public void close() {
        detector.close();
    }
}
