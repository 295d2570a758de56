package io.vigie.inference.detection;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.inference.Predictor;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A hospital's own false-positive reducer, exported as TorchScript and loaded with DJL's Criteria on the PyTorch
 * engine. Tensor contract (docs/model-card.md): input N x 1 x D x H x W float32, the descriptor's window scaled to
 * [0, 1]; output N (or N x 1) logits or probabilities, as the descriptor's {@code output} says.
 */
public final class TorchScriptScorer implements PatchScorer {

    private final ZooModel<NDList, NDList> model;
    private final Predictor<NDList, NDList> predictor;
    private final boolean logits;

    private TorchScriptScorer(ZooModel<NDList, NDList> model, boolean logits) {
        this.model = model;
        this.predictor = model.newPredictor();
        this.logits = logits;
    }

    public static TorchScriptScorer load(Path file, boolean outputsLogits) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("TorchScript file " + file + " not found");
        }
        Criteria<NDList, NDList> criteria = Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optModelPath(file)
                .optEngine("PyTorch")
                .optTranslator(new NoopTranslator())
                .build();
        try {
            return new TorchScriptScorer(criteria.loadModel(), outputsLogits);
        } catch (ModelNotFoundException | MalformedModelException | RuntimeException e) {
            throw new IOException("cannot load TorchScript model " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public float[] probabilities(float[] patches, int count, int size) {
        if (count == 0) {
            return new float[0];
        }
        try (NDManager manager = model.getNDManager().newSubManager()) {
            NDArray input = manager.create(patches, new Shape(count, 1, size, size, size));
            NDArray out = predictor.predict(new NDList(input)).singletonOrThrow();
            if (out.size() != count) {
                throw new IllegalStateException("the TorchScript model returned shape " + out.getShape() + " for "
                        + count + " patches; the contract is N or N x 1");
            }
            return (logits ? Activation.sigmoid(out) : out).toFloatArray();
        } catch (TranslateException e) {
            throw new IllegalStateException("the TorchScript model failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        predictor.close();
        model.close();
    }
}
