package io.vigie.inference.detection;

/**
 * The second stage of detection as the detector sees it: probabilities for a batch of patches. Vigie's own network
 * ({@link NoduleClassifier}) and a hospital's TorchScript model ({@link TorchScriptScorer}) both fit here.
 */
public interface PatchScorer extends AutoCloseable {

    /**
     * Probabilities in [0, 1] for {@code count} patches of {@code size}^3 voxels laid end to end in {@code patches},
     * each x-fastest, in the model's window scaled to [0, 1] (tensor N x 1 x D x H x W, float32).
     */
    float[] probabilities(float[] patches, int count, int size);

    @Override
    void close();
}
