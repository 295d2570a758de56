package io.vigie.inference.training;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Trains the classifier on a {@link PatchSet} with DJL: Adam with a cosine learning-rate decay, binary cross-entropy
 * on the logit, class-balanced mini-batches (positives are rarer than candidates), random flips along each axis and
 * an in-plane transpose as augmentation (patches are isotropic, so all of them are plausible anatomy). Seeded. Every
 * batch's loss is checked to be finite: on some CPUs oneDNN with several threads gives NaN, which must stop
 * training, not ship.
 */
public final class DetectorTrainer {

    /** The loss of each epoch, for the model card and for the finiteness check. */
    public record Result(List<Float> epochLosses) {
    }

    private final int epochs;
    private final int batchesPerEpoch;
    private final int batchSize;
    private final float learningRate;
    private final long seed;

    /** A progress line per epoch, for long runs; silent by default. */
    private Consumer<String> progress = line -> { };

    public DetectorTrainer(int epochs, int batchesPerEpoch, int batchSize, float learningRate, long seed) {
        this.epochs = epochs;
        this.batchesPerEpoch = batchesPerEpoch;
        this.batchSize = batchSize;
        this.learningRate = learningRate;
        this.seed = seed;
    }

    public DetectorTrainer onEpoch(Consumer<String> progress) {
        this.progress = progress;
        return this;
    }

    public Result train(Model model, PatchSet data, int patchSize) {
        Engine.getEngine("PyTorch").setRandomSeed((int) seed);
        Random random = new Random(seed);
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.sigmoidBinaryCrossEntropyLoss())
                .optOptimizer(Optimizer.adam().optLearningRateTracker(learningRateSchedule()).build());
        List<Integer> positives = new ArrayList<>();
        List<Integer> negatives = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            (data.labels().get(i) > 0.5f ? positives : negatives).add(i);
        }
        if (positives.isEmpty() || negatives.isEmpty()) {
            throw new IllegalArgumentException("training needs both nodules and non-nodules");
        }
        int voxels = patchSize * patchSize * patchSize;
        List<Float> losses = new ArrayList<>();
        try (Trainer trainer = model.newTrainer(config)) {
            trainer.initialize(new Shape(1, 1, patchSize, patchSize, patchSize));
            for (int epoch = 0; epoch < epochs; epoch++) {
                double sum = 0;
                for (int b = 0; b < batchesPerEpoch; b++) {
                    float[] x = new float[batchSize * voxels];
                    float[] y = new float[batchSize];
                    for (int i = 0; i < batchSize; i++) {
                        // Half the batch nodules, half not: the classes stay balanced whatever the candidate count.
                        List<Integer> pool = i % 2 == 0 ? positives : negatives;
                        int index = pool.get(random.nextInt(pool.size()));
                        augment(data.patches().get(index), x, i * voxels, patchSize, random);
                        y[i] = data.labels().get(index);
                    }
                    float loss = step(trainer, x, y, patchSize);
                    if (!Float.isFinite(loss)) {
                        throw new IllegalStateException("loss is " + loss + " at epoch " + epoch + " batch " + b
                                + ": train with -Dai.djl.pytorch.num_threads=1 or ONEDNN_MAX_CPU_ISA=AVX2");
                    }
                    sum += loss;
                }
                losses.add((float) (sum / batchesPerEpoch));
                progress.accept(String.format(Locale.ROOT, "epoch %d/%d: loss %.4f", epoch + 1, epochs,
                        sum / batchesPerEpoch));
            }
        }
        return new Result(losses);
    }

    /** Cosine decay from the base rate to a hundredth of it over the whole run: large steps first, fine ones last. */
    private Tracker learningRateSchedule() {
        int updates = Math.max(1, epochs * batchesPerEpoch);
        return Tracker.cosine().setBaseValue(learningRate).optFinalValue(learningRate / 100)
                .setMaxUpdates(updates).build();
    }

    private static float step(Trainer trainer, float[] x, float[] y, int size) {
        float value;
        try (NDManager batch = trainer.getManager().newSubManager();
             GradientCollector collector = trainer.newGradientCollector()) {
            NDArray input = batch.create(x, new Shape(y.length, 1, size, size, size));
            NDArray labels = batch.create(y, new Shape(y.length, 1));
            NDList predictions = trainer.forward(new NDList(input));
            NDArray loss = trainer.getLoss().evaluate(new NDList(labels), predictions);
            collector.backward(loss);
            value = loss.getFloat();
        }
        trainer.step();
        return value;
    }

    /** A random flip along each axis and a random x-y transpose: nodules have no preferred side. */
    static void augment(float[] patch, float[] target, int offset, int size, Random random) {
        boolean fx = random.nextBoolean();
        boolean fy = random.nextBoolean();
        boolean fz = random.nextBoolean();
        boolean transpose = random.nextBoolean();
        int i = offset;
        for (int z = 0; z < size; z++) {
            int sz = fz ? size - 1 - z : z;
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    int sx = fx ? size - 1 - x : x;
                    int sy = fy ? size - 1 - y : y;
                    target[i++] = transpose ? patch[(sz * size + sx) * size + sy] : patch[(sz * size + sy) * size + sx];
                }
            }
        }
    }
}
