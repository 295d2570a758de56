package io.vigie.inference.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigie.inference.detection.ModelDescriptor;
import io.vigie.inference.detection.ModelDescriptor.InvalidDescriptorException;
import io.vigie.inference.detection.NoduleDetector;
import io.vigie.inference.volume.CtVolume;
import io.vigie.inference.volume.TestVolumes;
import io.vigie.testing.ChestPhantom;
import io.vigie.testing.TorchScriptArchive;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry over a models folder holding a copy of the committed model and broken neighbours. */
class ModelRegistryTest {

    private static final Path COMMITTED = Path.of("..", "models", "lung-nodule", "1");

    @TempDir
    Path models;

    private ModelDescriptor committed;

    @BeforeEach
    void copyTheCommittedModel() throws IOException {
        committed = ModelDescriptor.read(COMMITTED);
        copy(COMMITTED, models.resolve("lung-nodule").resolve("1"));
    }

    @Test
    void opensTheSelectedModelAndItsDetectorScores() throws IOException {
        ModelRegistry registry = new ModelRegistry(models);
        try (NoduleDetector detector = registry.open(ModelSelection.parse("lung-nodule:1"))) {
            assertThat(detector.model()).isEqualTo(committed);
            List<NoduleDetector.Finding> scored = detector.score(phantom());
            assertThat(scored).isNotEmpty().allSatisfy(f -> assertThat(f.probability()).isBetween(0.0, 1.0));
        }
    }

    @Test
    void withoutAVersionTheHighestIsChosenNumerically() throws IOException {
        writeVariant("9");
        writeVariant("10");
        ModelRegistry registry = new ModelRegistry(models);
        assertThat(registry.describe(ModelSelection.parse("lung-nodule")).version()).isEqualTo("10");
        assertThat(registry.describe(ModelSelection.parse("lung-nodule:9")).version()).isEqualTo("9");
    }

    @Test
    void anUnknownNameOrVersionSaysWhatThereIs() {
        ModelRegistry registry = new ModelRegistry(models);
        assertThatThrownBy(() -> registry.describe(ModelSelection.parse("liver:1")))
                .isInstanceOf(NoSuchModelException.class).hasMessageContaining("lung-nodule:1");
        assertThatThrownBy(() -> registry.describe(ModelSelection.parse("lung-nodule:7")))
                .isInstanceOf(NoSuchModelException.class).hasMessageContaining("versions: [1]");
        assertThatThrownBy(() -> new ModelRegistry(models.resolve("absent")).entries())
                .isInstanceOf(NoSuchModelException.class).hasMessageContaining("does not exist");
    }

    @Test
    void anInvalidDescriptorIsRejectedWithEveryProblemNamed() throws IOException {
        Path folder = Files.createDirectories(models.resolve("broken").resolve("1"));
        Files.writeString(folder.resolve(ModelDescriptor.FILE), """
                {"name": "broken", "version": "1", "format": "onnx", "weights": "../elsewhere", "output": "scores",
                 "modality": "MR", "bodyPart": "CHEST", "patchSize": 4, "patchSpacingMm": 0,
                 "windowLowHu": 400, "windowHighHu": -1000, "threshold": 1.5}
                """);
        assertThatThrownBy(() -> ModelDescriptor.read(folder))
                .isInstanceOfSatisfying(InvalidDescriptorException.class, e -> assertThat(e.problems())
                        .anyMatch(p -> p.startsWith("format must be one of"))
                        .anyMatch(p -> p.startsWith("output must be one of"))
                        .anyMatch(p -> p.startsWith("modality MR"))
                        .anyMatch(p -> p.startsWith("weights must be a file name"))
                        .anyMatch(p -> p.startsWith("patchSize"))
                        .anyMatch(p -> p.startsWith("patchSpacingMm"))
                        .anyMatch(p -> p.startsWith("windowHighHu"))
                        .anyMatch(p -> p.startsWith("threshold")));
        ModelRegistry registry = new ModelRegistry(models);
        assertThatThrownBy(() -> registry.open(ModelSelection.parse("broken:1")))
                .isInstanceOf(ModelRegistry.InvalidModelException.class).hasMessageContaining("format must be");
        assertThat(registry.entries()).filteredOn(ModelRegistry.Entry::usable)
                .extracting(ModelRegistry.Entry::name).containsExactly("lung-nodule");
    }

    @Test
    void unreadableJsonAndMisplacedDescriptorsAreNamed() throws IOException {
        Path garbled = Files.createDirectories(models.resolve("garbled").resolve("1"));
        Files.writeString(garbled.resolve(ModelDescriptor.FILE), "{ not json");
        Path moved = models.resolve("lung-nodule").resolve("2");
        copy(COMMITTED, moved);
        ModelRegistry registry = new ModelRegistry(models);
        assertThatThrownBy(() -> registry.open(ModelSelection.parse("garbled:1")))
                .isInstanceOf(ModelRegistry.InvalidModelException.class).hasMessageContaining("not readable as JSON");
        assertThatThrownBy(() -> registry.open(ModelSelection.parse("lung-nodule:2")))
                .hasMessageContaining("names lung-nodule:1 but lies in lung-nodule/2");
    }

    @Test
    void aTorchScriptModelWithoutItsFileIsRefusedBeforeLoading() throws IOException {
        Path folder = Files.createDirectories(models.resolve("hospital-fp").resolve("3"));
        new ModelDescriptor("hospital-fp", "3", ModelDescriptor.TORCHSCRIPT, "model.pt",
                ModelDescriptor.PROBABILITIES, "CT", "CHEST", 48, 0.8, -1200, 600, 0.7, null, null).write(folder);
        ModelRegistry registry = new ModelRegistry(models);
        assertThatThrownBy(() -> registry.open(ModelSelection.parse("hospital-fp:3")))
                .isInstanceOf(ModelRegistry.InvalidModelException.class)
                .hasMessageContaining("weights 'model.pt' not found");
        Files.writeString(folder.resolve("model.pt"), "not a TorchScript archive");
        assertThatThrownBy(() -> registry.open(ModelSelection.parse("hospital-fp:3")))
                .isInstanceOf(IOException.class).hasMessageContaining("cannot load TorchScript model");
    }

    @Test
    void aHospitalsTorchScriptModelScoresTheCandidatesThroughTheSameDescriptor() throws IOException {
        Path folder = Files.createDirectories(models.resolve("hospital-fp").resolve("4"));
        ModelDescriptor descriptor = new ModelDescriptor("hospital-fp", "4", ModelDescriptor.TORCHSCRIPT, "model.pt",
                ModelDescriptor.PROBABILITIES, "CT", "CHEST", 32, 1.0, -1000, 400, 0.5, null, null);
        descriptor.write(folder);
        // The brightest voxel of the patch in the window [-1000, 400] HU: at least 0.71 where a solid nodule (0 HU and
        // above) lies, whatever the lung around it.
        TorchScriptArchive.write(folder.resolve("model.pt"), "torch.amax(x, [1, 2, 3, 4])");
        try (NoduleDetector detector = new ModelRegistry(models).open(ModelSelection.parse("hospital-fp:4"))) {
            assertThat(detector.model()).isEqualTo(descriptor);
            List<NoduleDetector.Finding> scored = detector.score(phantom());
            assertThat(scored).isNotEmpty().allSatisfy(f -> assertThat(f.probability()).isBetween(0.0, 1.0));
            assertThat(scored).anySatisfy(f -> assertThat(f.probability()).isGreaterThan(1000.0 / 1400));
        }
    }

    @Test
    void aSelectionNeedsAName() {
        assertThatThrownBy(() -> ModelSelection.parse(":1")).isInstanceOf(IllegalArgumentException.class);
        assertThat(ModelSelection.parse(" lung-nodule : 1 ")).isEqualTo(ModelSelection.of("lung-nodule", "1"));
    }

    private static CtVolume phantom() {
        return TestVolumes.of(ChestPhantom.generate(5, 256, 256, 48, new double[] {1.4, 1.4, 2.5}));
    }

    private void writeVariant(String version) throws IOException {
        Path folder = models.resolve("lung-nodule").resolve(version);
        copy(COMMITTED, folder);
        new ModelDescriptor(committed.name(), version, committed.format(), committed.weights(), committed.output(),
                committed.modality(), committed.bodyPart(), committed.patchSize(), committed.patchSpacingMm(),
                committed.windowLowHu(), committed.windowHighHu(), committed.threshold(), committed.operatingPoint(),
                committed.training()).write(folder);
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }
}
