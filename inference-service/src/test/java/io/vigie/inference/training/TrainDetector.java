package io.vigie.inference.training;

import io.vigie.inference.detection.ModelDescriptor;
import io.vigie.inference.detection.NoduleClassifier;
import io.vigie.inference.detection.PatchSampler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * Trains the nodule classifier from data built here (seeded phantoms and LIDC-IDRI-0002, with inserted nodules),
 * chooses the operating point on a validation set, and writes weights and model.json into
 * inference-service/models/vigie-nodule-fp. Run: ./mvnw -pl inference-service -am test-compile
 * exec:java@train-detector (one oneDNN thread: several give NaN on some CPUs).
 */
public final class TrainDetector {

    static final int PATCH = 32;
    static final double PATCH_MM = 1.25;
    static final long SEED = 42;

    private TrainDetector() {
    }

    public static void main(String[] args) throws Exception {
        int phantoms = args.length > 0 ? Integer.parseInt(args[0]) : 12;
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        Path folder = args.length > 2 ? Path.of(args[2]) : DetectorExperiment.modelFolder();
        Files.createDirectories(folder);

        long start = System.nanoTime();
        List<TrainingScan> scans = DetectorExperiment.training(phantoms);
        PatchSet patches = new PatchSet(new PatchSampler(PATCH, PATCH_MM));
        Random random = new Random(SEED);
        for (TrainingScan scan : scans) {
            patches.add(scan, 6, random);
        }
        System.out.printf("training data: %d scans, %d patches (%d nodule) in %.0f s%n", scans.size(),
                patches.size(), patches.positives(), (System.nanoTime() - start) / 1e9);

        DetectorTrainer.Result result;
        try (var model = NoduleClassifier.newModel()) {
            result = new DetectorTrainer(epochs, 32, 1e-3f, SEED).train(model, patches, PATCH);
            model.setProperty("Epoch", Integer.toString(epochs));
            model.save(folder, NoduleClassifier.NAME);
        }
        System.out.println("epoch losses: " + result.epochLosses());

        ModelDescriptor draft = new ModelDescriptor(NoduleClassifier.NAME, "1", "CT", "CHEST", PATCH, PATCH_MM,
                PatchSampler.WINDOW_LOW_HU, PatchSampler.WINDOW_HIGH_HU, 0.5, null,
                new ModelDescriptor.Training(SEED, scans.size(), patches.size(), patches.positives(), epochs,
                        result.epochLosses()));
        draft.write(folder);
        DetectorEvaluation.Report validation = DetectorEvaluation.run(folder, DetectorExperiment.validation(4));
        double threshold = validation.froc().thresholdAt(1.0);
        ModelDescriptor descriptor = new ModelDescriptor(draft.name(), draft.version(), draft.modality(),
                draft.bodyPart(), PATCH, PATCH_MM, PatchSampler.WINDOW_LOW_HU, PatchSampler.WINDOW_HIGH_HU,
                Double.isFinite(threshold) ? threshold : 0.5,
                new ModelDescriptor.OperatingPoint(1.0, validation.froc().sensitivityAt(1.0), validation.froc().cpm()),
                draft.training());
        descriptor.write(folder);
        System.out.printf("validation CPM %.3f; threshold %.4f gives sensitivity %.3f at 1 FP/scan; %.0f s in all%n",
                validation.froc().cpm(), descriptor.threshold(), descriptor.operatingPoint().validationSensitivity(),
                (System.nanoTime() - start) / 1e9);
    }
}
