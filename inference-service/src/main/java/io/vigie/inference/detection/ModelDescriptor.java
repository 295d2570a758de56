package io.vigie.inference.detection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.SerializationFeature;

/**
 * What the model registry knows about one model, kept as {@code model.json} beside its weights: what it applies to,
 * the input it expects, and the operating point chosen on a validation FROC curve. A hospital's own TorchScript
 * model is described the same way (docs/model-card.md gives the tensor contract).
 *
 * @param threshold       the probability at or above which a candidate is reported
 * @param operatingPoint  the validation false positives per scan and sensitivity at that threshold
 * @param training        how the weights were made (seed, data, epochs, per-epoch losses)
 */
public record ModelDescriptor(
        String name,
        String version,
        String modality,
        String bodyPart,
        int patchSize,
        double patchSpacingMm,
        double windowLowHu,
        double windowHighHu,
        double threshold,
        OperatingPoint operatingPoint,
        Training training) {

    public static final String FILE = "model.json";

    public record OperatingPoint(double falsePositivesPerScan, double validationSensitivity, double validationCpm) {
    }

    public record Training(long seed, int scans, int patches, long positivePatches, int epochs,
                           List<Float> epochLosses) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    public static ModelDescriptor read(Path folder) throws IOException {
        ModelDescriptor descriptor = JSON.readValue(Files.readString(folder.resolve(FILE)), ModelDescriptor.class);
        descriptor.validate();
        return descriptor;
    }

    public void write(Path folder) throws IOException {
        Files.writeString(folder.resolve(FILE), JSON.writeValueAsString(this) + "\n");
    }

    public PatchSampler sampler() {
        return new PatchSampler(patchSize, patchSpacingMm);
    }

    private void validate() {
        if (patchSize < 8 || patchSpacingMm <= 0 || threshold < 0 || threshold > 1) {
            throw new IllegalArgumentException("invalid model descriptor for " + name);
        }
        if (windowLowHu != PatchSampler.WINDOW_LOW_HU || windowHighHu != PatchSampler.WINDOW_HIGH_HU) {
            throw new IllegalArgumentException("model " + name + " expects another intensity window");
        }
    }
}
