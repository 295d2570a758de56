package io.vigie.inference.detection;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv3d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Vigie's false-positive reducer: a small 3-D convolutional network (DJL, PyTorch engine) that scores a candidate's
 * 32^3 patch (1.25 mm voxels, 40 mm across: room for a 30 mm nodule and what touches it) as nodule or not; one
 * logit out.
 *
 * <p>Layers: a 3x3x3 convolution of stride 2 (8 filters; it learns the downsampling, and makes training affordable on
 * one CPU thread: 3-D convolution on PyTorch's CPU backend cost 23 ms per 32^3 sample for forward and backward at
 * full resolution, 7 ms strided), then two 3x3x3 convolution + 2x2x2 max-pool stages (16, 32 filters), a 64-unit
 * dense layer and the logit: about 149 thousand parameters (under 600 kB of weights). No batch normalisation: it
 * doubled training time here, and a network this shallow trains stably with Adam without it.
 */
public final class NoduleClassifier implements PatchScorer {

    /** The block name under which the weights are saved ({@code <name>-NNNN.params}). */
    public static final String NAME = "lung-nodule";

    private final Model model;

    private NoduleClassifier(Model model) {
        this.model = model;
    }

    /** The network, untrained. */
    public static Block network() {
        SequentialBlock block = new SequentialBlock();
        block.add(Conv3d.builder().setFilters(8).setKernelShape(new Shape(3, 3, 3))
                        .optStride(new Shape(2, 2, 2)).optPadding(new Shape(1, 1, 1)).build())
                .add(Activation.reluBlock());
        for (int filters : new int[] {16, 32}) {
            block.add(Conv3d.builder().setFilters(filters).setKernelShape(new Shape(3, 3, 3))
                            .optPadding(new Shape(1, 1, 1)).build())
                    .add(Activation.reluBlock())
                    .add(Pool.maxPool3dBlock(new Shape(2, 2, 2), new Shape(2, 2, 2), new Shape(0, 0, 0)));
        }
        return block.add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(64).build())
                .add(Activation.reluBlock())
                .add(Linear.builder().setUnits(1).build());
    }

    /** A new, untrained model on the best device DJL sees (a GPU when {@code Engine.getGpuCount() > 0}). */
    public static Model newModel() {
        Model model = Model.newInstance(NAME, Engine.getEngine("PyTorch").defaultDevice(), "PyTorch");
        model.setBlock(network());
        return model;
    }

    /** Loads trained weights ({@code <prefix>-NNNN.params}) from a folder. */
    public static NoduleClassifier load(Path folder, String prefix) throws IOException {
        Model model = newModel();
        try {
            model.load(folder, prefix);
        } catch (MalformedModelException | IOException | RuntimeException e) {
            model.close();
            throw new IOException("cannot load DJL weights '" + prefix + "' from " + folder + ": " + e.getMessage(),
                    e);
        }
        return new NoduleClassifier(model);
    }

    /** An untrained network with random weights, for tests that need a model which has learnt nothing. */
    public static NoduleClassifier untrained(int patchSize, long seed) {
        Engine.getEngine("PyTorch").setRandomSeed((int) seed);
        Model model = newModel();
        model.getBlock().initialize(model.getNDManager(), DataType.FLOAT32,
                new Shape(1, 1, patchSize, patchSize, patchSize));
        return new NoduleClassifier(model);
    }

    @Override
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
