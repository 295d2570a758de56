package io.vigie.inference.detection;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the model registry knows about one model, kept as {@code model.json} beside its weights: what it applies to,
 * the input it expects, how its output reads, and the operating point chosen on a validation FROC curve. A
 * hospital's own TorchScript model is described the same way (docs/model-card.md gives the tensor contract).
 *
 * @param format          {@code djl} (DJL parameters of {@link NoduleClassifier#network()}) or {@code torchscript}
 * @param weights         the weights file in the model's folder: for {@code djl} the parameter file prefix
 *                        ({@code <weights>-NNNN.params}), for {@code torchscript} the file name ({@code model.pt})
 * @param output          {@code logits} or {@code probabilities}: what the network returns for each patch
 * @param patchSize       voxels along each side of the cube the model sees
 * @param patchSpacingMm  millimetres between the patch's voxels (isotropic)
 * @param windowLowHu     the intensity window: densities are clamped to it and scaled to [0, 1]
 * @param threshold       the probability at or above which a candidate is reported
 * @param operatingPoint  the validation false positives per scan and sensitivity at that threshold (may be null)
 * @param training        how the weights were made (seed, data, epochs, per-epoch losses); null for outside models
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelDescriptor(
        String name,
        String version,
        String format,
        String weights,
        String output,
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
    public static final String DJL = "djl";
    public static final String TORCHSCRIPT = "torchscript";
    public static final String LOGITS = "logits";
    public static final String PROBABILITIES = "probabilities";
    private static final Set<String> FORMATS = Set.of(DJL, TORCHSCRIPT);
    private static final Set<String> OUTPUTS = Set.of(LOGITS, PROBABILITIES);

    /**
     * @param falsePositivesPerScan the rate the threshold was chosen for, on the validation set
     * @param validationSensitivity the sensitivity there
     * @param validationCpm         the validation set's CPM
     * @param validationScans       scans in the validation set
     * @param validationNodules     reference nodules (>= 4 mm) in it
     */
    public record OperatingPoint(double falsePositivesPerScan, double validationSensitivity, double validationCpm,
                                 int validationScans, int validationNodules) {
    }

    /**
     * @param seed              the seed of data, initialisation and batch order
     * @param scans             training scans (backgrounds with inserted nodules)
     * @param patches           labelled patches drawn from them
     * @param positivePatches   of which nodules
     * @param epochs            passes
     * @param batchesPerEpoch   mini-batches per epoch
     * @param batchSize         patches per mini-batch
     * @param learningRate      Adam's learning rate
     * @param epochLosses       mean binary cross-entropy of each epoch
     * @param seconds           wall time of data building plus training
     */
    public record Training(long seed, int scans, int patches, long positivePatches, int epochs, int batchesPerEpoch,
                           int batchSize, double learningRate, List<Float> epochLosses, double seconds) {
    }

    /** A model.json that cannot be used, with every problem found in it. */
    public static final class InvalidDescriptorException extends IOException {
        private final List<String> problems;

        InvalidDescriptorException(Path file, List<String> problems) {
            super(file + " is not a valid model descriptor: " + String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /** Reads and validates {@code model.json} of a model folder. */
    public static ModelDescriptor read(Path folder) throws IOException {
        Path file = folder.resolve(FILE);
        ModelDescriptor descriptor;
        try {
            descriptor = JSON.readValue(Files.readString(file), ModelDescriptor.class);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "no " + FILE + " in the model folder");
        } catch (JacksonException e) {
            throw new InvalidDescriptorException(file, List.of("not readable as JSON: " + e.getOriginalMessage()));
        }
        List<String> problems = descriptor.problems();
        if (!problems.isEmpty()) {
            throw new InvalidDescriptorException(file, problems);
        }
        return descriptor;
    }

    public void write(Path folder) throws IOException {
        Files.writeString(folder.resolve(FILE), JSON.writeValueAsString(this) + "\n");
    }

    public PatchSampler sampler() {
        return new PatchSampler(patchSize, patchSpacingMm, windowLowHu, windowHighHu);
    }

    /** Whether the network returns logits (a sigmoid turns them into probabilities). */
    public boolean outputsLogits() {
        return LOGITS.equals(output);
    }

    public ModelDescriptor withOperatingPoint(double newThreshold, OperatingPoint point) {
        return new ModelDescriptor(name, version, format, weights, output, modality, bodyPart, patchSize,
                patchSpacingMm, windowLowHu, windowHighHu, newThreshold, point, training);
    }

    /** Everything wrong with this descriptor; empty when it can be used. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        require(problems, name, "name");
        require(problems, version, "version");
        require(problems, modality, "modality");
        require(problems, bodyPart, "bodyPart");
        require(problems, weights, "weights");
        if (name != null && !name.matches("[A-Za-z0-9._-]+")) {
            problems.add("name '" + name + "' may hold only letters, digits, '.', '_' and '-'");
        }
        if (version != null && !version.matches("[A-Za-z0-9._-]+")) {
            problems.add("version '" + version + "' may hold only letters, digits, '.', '_' and '-'");
        }
        if (format == null || !FORMATS.contains(format)) {
            problems.add("format must be one of " + FORMATS + ", is " + format);
        }
        if (output == null || !OUTPUTS.contains(output)) {
            problems.add("output must be one of " + OUTPUTS + ", is " + output);
        }
        if (modality != null && !modality.equals("CT")) {
            problems.add("modality " + modality + " is not one the detector reads (CT)");
        }
        if (weights != null && (weights.contains("/") || weights.contains("\\") || weights.startsWith("."))) {
            problems.add("weights must be a file name inside the model folder, is '" + weights + "'");
        }
        if (patchSize < 8 || patchSize > 128) {
            problems.add("patchSize must be 8 to 128 voxels, is " + patchSize);
        }
        if (!(patchSpacingMm > 0) || patchSpacingMm > 10) {
            problems.add(String.format(Locale.ROOT, "patchSpacingMm must be over 0 and at most 10, is %s",
                    patchSpacingMm));
        }
        if (!(windowHighHu > windowLowHu)) {
            problems.add("windowHighHu must be above windowLowHu (" + windowLowHu + ", " + windowHighHu + ")");
        }
        if (!(threshold >= 0 && threshold <= 1)) {
            problems.add("threshold must be a probability in [0, 1], is " + threshold);
        }
        return problems;
    }

    private static void require(List<String> problems, String value, String field) {
        if (value == null || value.isBlank()) {
            problems.add(field + " is missing");
        }
    }
}
