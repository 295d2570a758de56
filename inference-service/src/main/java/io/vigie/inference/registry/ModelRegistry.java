package io.vigie.inference.registry;

import io.vigie.inference.detection.ModelDescriptor;
import io.vigie.inference.detection.ModelDescriptor.InvalidDescriptorException;
import io.vigie.inference.detection.NoduleClassifier;
import io.vigie.inference.detection.NoduleDetector;
import io.vigie.inference.detection.PatchScorer;
import io.vigie.inference.detection.TorchScriptScorer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The detection models of one folder ({@code vigie.inference.models-dir}), laid out {@code <name>/<version>/} with a
 * {@link ModelDescriptor model.json} and the weights in each. Which one runs is configuration
 * ({@link ModelSelection}, {@code vigie.inference.model}). Vigie's own models are DJL parameter files; a hospital's
 * TorchScript export plugs in with a model.json of format {@code torchscript} (tensor contract: docs/model-card.md).
 * Plain Java, no framework: the web-api binds the two properties.
 */
public final class ModelRegistry {

    private final Path folder;

    public ModelRegistry(Path folder) {
        this.folder = folder;
    }

    public Path folder() {
        return folder;
    }

    /** Every model folder's descriptor, valid or not, sorted by name then version. */
    public List<Entry> entries() throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new NoSuchModelException("the models folder " + folder.toAbsolutePath() + " does not exist");
        }
        List<Entry> entries = new ArrayList<>();
        try (Stream<Path> names = Files.list(folder)) {
            for (Path name : names.filter(Files::isDirectory).toList()) {
                try (Stream<Path> versions = Files.list(name)) {
                    for (Path version : versions.filter(Files::isDirectory).toList()) {
                        entries.add(entry(name.getFileName().toString(), version.getFileName().toString(), version));
                    }
                }
            }
        }
        entries.sort(Comparator.comparing(Entry::name).thenComparing(Entry::version, ModelRegistry::compareVersions));
        return entries;
    }

    /**
     * One model folder: its descriptor, or why it cannot be used.
     *
     * @param descriptor null when {@code problem} says why
     */
    public record Entry(String name, String version, Path folder, ModelDescriptor descriptor, String problem) {
        public boolean usable() {
            return descriptor != null;
        }
    }

    /** The descriptor of the selected model, validated. */
    public ModelDescriptor describe(ModelSelection selection) throws IOException {
        return resolve(selection).descriptor();
    }

    /** Loads the selected model and builds its detector; close it to free the model. */
    public NoduleDetector open(ModelSelection selection) throws IOException {
        Entry entry = resolve(selection);
        return new NoduleDetector(scorer(entry.folder(), entry.descriptor()), entry.descriptor());
    }

    /** The scorer a descriptor names, loaded from its folder. */
    public static PatchScorer scorer(Path modelFolder, ModelDescriptor descriptor) throws IOException {
        return switch (descriptor.format()) {
            case ModelDescriptor.DJL -> NoduleClassifier.load(modelFolder, descriptor.weights());
            case ModelDescriptor.TORCHSCRIPT ->
                    TorchScriptScorer.load(modelFolder.resolve(descriptor.weights()), descriptor.outputsLogits());
            default -> throw new IOException("unknown model format " + descriptor.format());
        };
    }

    private Entry resolve(ModelSelection selection) throws IOException {
        List<Entry> entries = entries();
        List<Entry> named = entries.stream().filter(e -> e.name().equals(selection.name())).toList();
        if (named.isEmpty()) {
            throw new NoSuchModelException("no model named '" + selection.name() + "' in " + folder.toAbsolutePath()
                    + "; there are " + entries.stream().map(e -> e.name() + ":" + e.version()).toList());
        }
        Entry chosen = named.get(named.size() - 1);
        if (selection.version().isPresent()) {
            String version = selection.version().orElseThrow();
            chosen = named.stream().filter(e -> e.version().equals(version)).findFirst().orElse(null);
        }
        if (chosen == null) {
            throw new NoSuchModelException("model '" + selection.name() + "' has no version '"
                    + selection.version().orElseThrow() + "'; versions: " + named.stream().map(Entry::version)
                    .toList());
        }
        if (!chosen.usable()) {
            throw new InvalidModelException("model " + chosen.name() + ":" + chosen.version() + " cannot be used: "
                    + chosen.problem());
        }
        return chosen;
    }

    private static Entry entry(String name, String version, Path modelFolder) {
        ModelDescriptor descriptor;
        try {
            descriptor = ModelDescriptor.read(modelFolder);
        } catch (InvalidDescriptorException e) {
            return new Entry(name, version, modelFolder, null, String.join("; ", e.problems()));
        } catch (IOException e) {
            return new Entry(name, version, modelFolder, null, e.getMessage());
        }
        List<String> problems = new ArrayList<>();
        if (!descriptor.name().equals(name) || !descriptor.version().equals(version)) {
            problems.add("model.json names " + descriptor.name() + ":" + descriptor.version() + " but lies in "
                    + name + "/" + version);
        }
        if (!weightsPresent(modelFolder, descriptor)) {
            problems.add("weights '" + descriptor.weights() + "' not found in " + modelFolder);
        }
        return problems.isEmpty() ? new Entry(name, version, modelFolder, descriptor, null)
                : new Entry(name, version, modelFolder, null, String.join("; ", problems));
    }

    private static boolean weightsPresent(Path modelFolder, ModelDescriptor descriptor) {
        if (descriptor.format().equals(ModelDescriptor.TORCHSCRIPT)) {
            return Files.isRegularFile(modelFolder.resolve(descriptor.weights()));
        }
        try (Stream<Path> files = Files.list(modelFolder)) {
            return files.map(f -> f.getFileName().toString())
                    .anyMatch(f -> f.startsWith(descriptor.weights() + "-") && f.endsWith(".params"));
        } catch (IOException e) {
            return false;
        }
    }

    /** Versions compare as numbers where both are numbers ("10" after "9"), else as text. */
    static int compareVersions(String a, String b) {
        if (a.matches("\\d{1,18}") && b.matches("\\d{1,18}")) {
            return Long.compare(Long.parseLong(a), Long.parseLong(b));
        }
        return a.compareTo(b);
    }

    /** The selected model's folder exists but its descriptor or weights are unusable. */
    public static final class InvalidModelException extends IOException {
        public InvalidModelException(String message) {
            super(message);
        }
    }
}
