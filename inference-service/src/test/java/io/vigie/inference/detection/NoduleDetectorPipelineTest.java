package io.vigie.inference.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigie.inference.volume.CtVolume;
import io.vigie.inference.volume.TestVolumes;
import io.vigie.inference.volume.VolumeAssembler;
import io.vigie.inference.volume.VolumeAssembly;
import io.vigie.inference.volume.VolumeMemory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The detector prepares later batches (candidate levels searched as needed, patches sampled) aside while the model
 * scores a batch. Whatever the scheduling, the model must see the batches of the plain loop (every level's candidates
 * in order, cut every batch size), and a failure on either side must reach the caller. The model here is a recording
 * stand-in: what is under test is the order of the work, not the network; {@code DetectorEvaluationTest} covers the
 * network itself.
 */
class NoduleDetectorPipelineTest {

    private static CtVolume volume;
    private static ModelDescriptor model;
    private static List<Candidate> plainCandidates;

    @BeforeAll
    static void lidcAndTheCommittedModelsDescriptor() throws Exception {
        volume = TestVolumes.lidc0001();
        Path models = Files.isDirectory(Path.of("models")) ? Path.of("models") : Path.of("..", "models");
        model = ModelDescriptor.read(models.resolve("lung-nodule").resolve("1"));
        plainCandidates = CandidateGenerator.generate(volume, LungMask.segment(volume));
    }

    @Test
    void theModelSeesTheBatchesOfThePlainLoopInOrder() {
        int batchSize = 7;
        assertThat(plainCandidates.size()).as("enough candidates for many batches").isGreaterThan(4 * batchSize);
        RecordingScorer scorer = new RecordingScorer(-1);
        NoduleDetector.Analysis analysis = new NoduleDetector(scorer, model, batchSize).analyse(volume);

        PatchSampler sampler = model.sampler();
        List<float[]> expected = new ArrayList<>();
        for (int start = 0; start < plainCandidates.size(); start += batchSize) {
            List<Candidate> batch = plainCandidates.subList(start, Math.min(plainCandidates.size(), start + batchSize));
            float[] patches = new float[batch.size() * sampler.voxels()];
            for (int i = 0; i < batch.size(); i++) {
                sampler.sample(volume, batch.get(i).voxelCentre(), patches, i * sampler.voxels());
            }
            expected.add(patches);
        }
        assertThat(scorer.batches).hasSameSizeAs(expected);
        for (int b = 0; b < expected.size(); b++) {
            assertThat(scorer.batches.get(b)).as("batch " + b).isEqualTo(expected.get(b));
        }
        assertThat(analysis.timing().patchesScored()).isEqualTo(plainCandidates.size());
        // Each candidate has the probability made from its own patch, and the merge sees them all.
        List<NoduleDetector.Finding> plain = new ArrayList<>();
        for (int i = 0; i < plainCandidates.size(); i++) {
            float[] patch = Arrays.copyOfRange(expected.get(i / batchSize), (i % batchSize) * sampler.voxels(),
                    (i % batchSize + 1) * sampler.voxels());
            plain.add(new NoduleDetector.Finding(plainCandidates.get(i), RecordingScorer.probability(patch)));
        }
        assertThat(analysis.scored()).usingRecursiveComparison().isEqualTo(NoduleDetector.merge(plain));
        assertThat(analysis.timing().asideNanos()).isPositive();
    }

    /**
     * The lung mask made during assembly, slice by slice as each is written (as the worker runs it), leads to the
     * analysis of the lung mask made after it: the same batches, the same findings. A pass made for another volume is
     * refused.
     */
    @Test
    void theLungMaskMadeDuringAssemblyGivesTheSameAnalysis() throws Exception {
        RecordingScorer afterAssembly = new RecordingScorer(-1);
        NoduleDetector.Analysis plain = new NoduleDetector(afterAssembly, model, 9).analyse(volume);

        RecordingScorer duringAssembly = new RecordingScorer(-1);
        NoduleDetector detector = new NoduleDetector(duringAssembly, model, 9);
        CandidateGenerator.LungPass[] pass = new CandidateGenerator.LungPass[1];
        CtVolume assembled = ((VolumeAssembly.Assembled) VolumeAssembler.assemble(
                TestVolumes.lidcInstances("LIDC-IDRI-0001"), new VolumeMemory(),
                v -> pass[0] = detector.lungPass(v))).volume();
        NoduleDetector.Analysis fused = detector.analyse(assembled, pass[0]);

        assertThat(duringAssembly.batches).hasSameSizeAs(afterAssembly.batches).isNotEmpty();
        for (int b = 0; b < afterAssembly.batches.size(); b++) {
            assertThat(duringAssembly.batches.get(b)).as("batch " + b).isEqualTo(afterAssembly.batches.get(b));
        }
        assertThat(fused.scored()).usingRecursiveComparison().isEqualTo(plain.scored());
        assertThatThrownBy(() -> detector.analyse(volume, pass[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aModelFailingOnALaterBatchFailsTheAnalysisWithItsOwnError() {
        RecordingScorer scorer = new RecordingScorer(2);
        assertThatThrownBy(() -> new NoduleDetector(scorer, model, 5).analyse(volume))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("model failed on batch 2");
        assertThat(scorer.batches).hasSize(2);
    }

    /** Records each batch; the probability of a patch is its mean voxel value, so it depends on the patch only. */
    private static final class RecordingScorer implements PatchScorer {
        final List<float[]> batches = new ArrayList<>();
        private final int failingBatch;

        RecordingScorer(int failingBatch) {
            this.failingBatch = failingBatch;
        }

        static float probability(float[] patch) {
            double sum = 0;
            for (float value : patch) {
                sum += value;
            }
            return (float) (sum / patch.length);
        }

        @Override
        public float[] probabilities(float[] patches, int count, int size) {
            if (batches.size() == failingBatch) {
                throw new IllegalStateException("model failed on batch " + failingBatch);
            }
            batches.add(patches.clone());
            int voxels = size * size * size;
            float[] probabilities = new float[count];
            for (int i = 0; i < count; i++) {
                probabilities[i] = probability(Arrays.copyOfRange(patches, i * voxels, (i + 1) * voxels));
            }
            return probabilities;
        }

        @Override
        public void close() {
        }
    }
}
