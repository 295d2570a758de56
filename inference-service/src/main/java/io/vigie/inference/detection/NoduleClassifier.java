package io.vigie.inference.detection;

import ai.djl.engine.Engine;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv3d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The second stage of detection: a small 3-D convolutional network (DJL, PyTorch engine) that scores a candidate's
 * patch as nodule or not. Three conv-norm-relu-pool stages then two dense layers; one logit out.
 */
public final class NoduleClassifier implements AutoCloseable {

    public static final String NAME = "vigie-nodule-fp";

    private final Model model;

    private NoduleClassifier(Model model) {
        this.model = model;
    }

    /** The network, untrained. */
    public static Block network() {
        SequentialBlock block = new SequentialBlock();
        int[] filters = {8, 16, 32};
        for (int f : filters) {
            block.add(Conv3d.builder().setFilters(f).setKernelShape(new Shape(3, 3, 3))
                            .optPadding(new Shape(1, 1, 1)).build())
                    .add(BatchNorm.builder().build())
                    .add(Activation.reluBlock())
                    .add(Pool.maxPool3dBlock(new Shape(2, 2, 2)));
        }
        return block.add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(64).build())
                .add(Activation.reluBlock())
                .add(Linear.builder().setUnits(1).build());
    }

    /** A new, untrained model on the best device DJL sees (a GPU when there is one). */
    public static Model newModel() {
        Model model = Model.newInstance(NAME, Engine.getEngine("PyTorch").defaultDevice(), "PyTorch");
        model.setBlock(network());
        return model;
    }

    /** Loads trained weights ({@code <name>-NNNN.params}) from a folder. */
    public static NoduleClassifier load(Path folder, String name) throws IOException {
        Model model = newModel();
        try {
            model.load(folder, name);
        } catch (MalformedModelException e) {
            model.close();
            throw new IOException("malformed model in " + folder + ": " + e.getMessage(), e);
        }
        return new NoduleClassifier(model);
    }

    /** Probabilities for {@code count} patches of {@code size}^3 laid end to end in {@code patches}. */
    public float[] probabilities(float[] patches, int count, int size) {
        if (count == 0) {
            return new float[0];
        }
        try (NDManager manager = model.getNDManager().newSubManager()) {
            NDArray input = manager.create(patches, new Shape(count, 1, size, size, size));
            NDArray logits = model.getBlock()
                    .forward(new ParameterStore(manager, false), new NDList(input), false)
                    .singletonOrThrow();
            return Activation.sigmoid(logits).toFloatArray();
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
