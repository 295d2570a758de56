package io.vigie.inference.worker;

import io.vigie.inference.detection.ModelDescriptor;
import io.vigie.inference.detection.NoduleClassifier;
import io.vigie.inference.detection.NoduleDetector;
import io.vigie.inference.findings.ModelVersion;
import io.vigie.inference.volume.CtVolume;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The lung-nodule detector ({@link NoduleDetector}: lung mask, candidates, 3-D CNN) behind {@link SeriesAnalyser},
 * with the weights and operating point of one model folder ({@code <models-dir>/<name>/model.json} and weights).
 */
public final class NoduleDetectorAnalyser implements SeriesAnalyser {

    private final ModelVersion model;
    private final NoduleClassifier classifier;
    private final NoduleDetector detector;
    private final double threshold;

    private NoduleDetectorAnalyser(ModelDescriptor descriptor, NoduleClassifier classifier) {
        this.model = new ModelVersion(descriptor.name(), descriptor.version());
        this.classifier = classifier;
        this.detector = new NoduleDetector(classifier, descriptor.sampler());
        this.threshold = descriptor.threshold();
    }

    /**
     * Loads the model named {@code model} from {@code modelsDir/<name>}.
     *
     * @throws ModelUnavailableException when the folder, its descriptor or its weights are missing, or the
     *                                   descriptor names another version: the inference role cannot start
     */
    public static NoduleDetectorAnalyser load(Path modelsDir, ModelVersion model) {
        Path folder = modelsDir.resolve(model.name());
        if (!Files.isRegularFile(folder.resolve(ModelDescriptor.FILE))) {
            throw new ModelUnavailableException("model " + model + " not found: no " + ModelDescriptor.FILE
                    + " in " + folder.toAbsolutePath() + " (train it, or copy its folder there, or set "
                    + "vigie.inference.models-dir / vigie.inference.model)");
        }
        ModelDescriptor descriptor;
        try {
            descriptor = ModelDescriptor.read(folder);
        } catch (IOException | RuntimeException e) {
            throw new ModelUnavailableException("model " + model + " in " + folder.toAbsolutePath()
                    + " has an unreadable " + ModelDescriptor.FILE + ": " + e.getMessage(), e);
        }
        if (!descriptor.name().equals(model.name()) || !descriptor.version().equals(model.version())) {
            throw new ModelUnavailableException("the model in " + folder.toAbsolutePath() + " is "
                    + descriptor.name() + ":" + descriptor.version() + ", not " + model);
        }
        try {
            return new NoduleDetectorAnalyser(descriptor, NoduleClassifier.load(folder, descriptor.name()));
        } catch (IOException | RuntimeException e) {
            throw new ModelUnavailableException("the weights of model " + model + " in " + folder.toAbsolutePath()
                    + " do not load: " + e.getMessage(), e);
        }
    }

    @Override
    public ModelVersion model() {
        return model;
    }

    @Override
    public List<DetectedLesion> analyse(CtVolume volume) {
        return detector.detect(volume, threshold).stream()
                .map(f -> new DetectedLesion(f.candidate().centre(), f.candidate().diameterMm(),
                        f.candidate().volumeMm3(), checkedProbability(f.probability())))
                .toList();
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
        classifier.close();
    }
}
