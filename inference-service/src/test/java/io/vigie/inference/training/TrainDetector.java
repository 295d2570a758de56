package io.vigie.inference.training;

import ai.djl.Model;
import io.vigie.inference.detection.ModelDescriptor;
import io.vigie.inference.detection.NoduleClassifier;
import io.vigie.inference.detection.NoduleDetector;
import io.vigie.inference.evaluation.Froc;
import io.vigie.inference.registry.ModelRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Trains the nodule classifier from data built here (seeded phantoms and LIDC-IDRI-0002, with inserted nodules),
 * chooses the operating point on a separate validation set, and writes weights and model.json into
 * models/lung-nodule/1 at the repository root. Run (one oneDNN thread: several give NaN on some CPUs):
 * {@code nice -n 10 ./mvnw -o -pl inference-service -am test-compile exec:java@train-detector}
 * [{@code -Dexec.args="PHANTOMS EPOCHS BATCHES_PER_EPOCH [FOLDER]"}].
 */
public final class TrainDetector {

    static final String NAME = "lung-nodule";
    static final String VERSION = "1";
    static final int PATCH = 32;
    static final double PATCH_MM = 1.25;
    static final double WINDOW_LOW_HU = -1000;
    static final double WINDOW_HIGH_HU = 400;
    static final long SEED = 42;
    static final int BATCH = 32;
    static final float LEARNING_RATE = 1e-3f;
    static final int JITTERED_COPIES = 6;
    static final int HARD_NEGATIVES = 30;
    /**
     * Hard negatives per copy of a real CT: real lungs hold many more vessel and airway mimics than the phantoms,
     * and with 30 per copy the first training run reported 23 false positives on LIDC-IDRI-0001's 16 slices.
     */
    static final int REAL_HARD_NEGATIVES = 200;
    static final int VALIDATION_PHANTOMS = 10;
    /** The operating point: the most lenient threshold with at most this many false positives per validation scan. */
    static final double OPERATING_FP_PER_SCAN = 1.0;

    private TrainDetector() {
    }

    public static void main(String[] args) throws Exception {
        int phantoms = args.length > 0 ? Integer.parseInt(args[0]) : 36;
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 12;
        int batchesPerEpoch = args.length > 2 ? Integer.parseInt(args[2]) : 150;
        Path folder = args.length > 3 ? Path.of(args[3])
                : DetectorExperiment.modelsFolder().resolve(NAME).resolve(VERSION);
        Files.createDirectories(folder);

        long start = System.nanoTime();
        List<TrainingScan> scans = DetectorExperiment.training(phantoms);
        PatchSet patches = patchSet(scans, new Random(SEED));
        System.out.printf(Locale.ROOT, "training data: %d scans, %d patches (%d nodule) in %.0f s%n", scans.size(),
                patches.size(), patches.positives(), seconds(start));

        DetectorTrainer.Result result;
        try (Model model = NoduleClassifier.newModel()) {
            result = new DetectorTrainer(epochs, batchesPerEpoch, BATCH, LEARNING_RATE, SEED)
                    .onEpoch(line -> System.out.printf(Locale.ROOT, "%s (%.0f s)%n", line, seconds(start)))
                    .train(model, patches, PATCH);
            deleteOldWeights(folder);
            model.setProperty("Epoch", Integer.toString(epochs));
            model.save(folder, NAME);
        }
        double trainingSeconds = seconds(start);

        ModelDescriptor draft = new ModelDescriptor(NAME, VERSION, ModelDescriptor.DJL, NAME, ModelDescriptor.LOGITS,
                "CT", "CHEST", PATCH, PATCH_MM, WINDOW_LOW_HU, WINDOW_HIGH_HU, 0.5, null,
                new ModelDescriptor.Training(SEED, scans.size(), patches.size(), patches.positives(), epochs,
                        batchesPerEpoch, BATCH, LEARNING_RATE, result.epochLosses(),
                        Math.round(trainingSeconds * 10) / 10.0));
        List<TrainingScan> validation = DetectorExperiment.validation(VALIDATION_PHANTOMS);
        DetectorEvaluation.Report report;
        try (NoduleDetector detector = new NoduleDetector(ModelRegistry.scorer(folder, draft), draft)) {
            report = DetectorEvaluation.run(detector, validation);
        }
        Froc.Result froc = report.froc();
        double threshold = froc.thresholdAt(OPERATING_FP_PER_SCAN);
        ModelDescriptor descriptor = draft.withOperatingPoint(Double.isFinite(threshold) ? threshold : 0.5,
                new ModelDescriptor.OperatingPoint(OPERATING_FP_PER_SCAN, froc.sensitivityAt(OPERATING_FP_PER_SCAN),
                        froc.cpm(), froc.scans(), froc.nodules()));
        descriptor.write(folder);
        System.out.println("epoch losses: " + result.epochLosses());
        System.out.printf(Locale.ROOT, "validation (%d phantoms, %d nodules >= 4 mm): CPM %.3f; threshold %.4f gives "
                        + "sensitivity %.3f at %.1f FP/scan; %.0f s in all; written to %s%n", froc.scans(),
                froc.nodules(), froc.cpm(), descriptor.threshold(),
                descriptor.operatingPoint().validationSensitivity(), OPERATING_FP_PER_SCAN, seconds(start),
                folder.toAbsolutePath().normalize());
    }

    static PatchSet patchSet(List<TrainingScan> scans, Random random) {
        PatchSet patches = new PatchSet(new io.vigie.inference.detection.PatchSampler(PATCH, PATCH_MM,
                WINDOW_LOW_HU, WINDOW_HIGH_HU));
        for (TrainingScan scan : scans) {
            boolean real = scan.name().startsWith("LIDC");
            patches.add(scan, JITTERED_COPIES, real ? REAL_HARD_NEGATIVES : HARD_NEGATIVES, random);
        }
        return patches;
    }

    private static void deleteOldWeights(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".params")).toList()) {
                Files.delete(file);
            }
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
