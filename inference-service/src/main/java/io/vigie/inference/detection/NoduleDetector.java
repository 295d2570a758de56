package io.vigie.inference.detection;

import io.vigie.inference.volume.CtVolume;
import io.vigie.inference.volume.VolumeWorkers;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The lung-nodule detector: lung mask, candidates at several levels, a patch per candidate scored by the model, then
 * the candidates that one lesion gave at several levels merged (the most probable kept). {@link #score} returns every
 * merged candidate (for FROC evaluation); {@link #detect} keeps those at or above the model's operating threshold.
 */
public final class NoduleDetector implements AutoCloseable {

    /**
     * A scored candidate: position, size and voxels from the candidate's segmentation, probability from the model
     * (whose name and version are {@link NoduleDetector#model()}'s).
     */
    public record Finding(Candidate candidate, double probability) {

        /** Centre in patient coordinates, mm. */
        public double[] centreMm() {
            return candidate.centre();
        }

        public double diameterMm() {
            return candidate.diameterMm();
        }

        public double volumeMm3() {
            return candidate.volumeMm3();
        }
    }

    /**
     * One volume analysed: the findings at the operating point, every merged candidate scored, the model, and where
     * the time went (nanoseconds).
     */
    public record Analysis(List<Finding> findings, List<Finding> scored, ModelDescriptor model, Timing timing) {
    }

    /**
     * Where the analysing thread's time went, stage by stage (they add up): the lung mask (and in the same pass, the
     * lung thresholded at the first level's density); the candidates of the levels
     * that fill the first batch and that batch's patches, on every detection thread; the model; the waits for a next
     * batch that was not ready when the model finished the one before; merging. While the model scores a batch, the
     * next ones are prepared aside (levels searched as needed and patches sampled, on one thread): {@code asideNanos}
     * is how long that took in all, most of it hidden behind the model; the later levels' thresholds, made on that
     * thread after the second batch, are not in it. And the number of patches scored.
     */
    public record Timing(long lungMaskNanos, long candidateNanos, long samplingNanos, long waitingNanos,
                         long modelNanos, long mergeNanos, long asideNanos, int patchesScored) {
        /** What the analysing thread spent before and between the model's batches. */
        public long preprocessingNanos() {
            return lungMaskNanos + candidateNanos + samplingNanos + waitingNanos;
        }
    }

    /** The next batch, prepared aside: its candidates, their patches and how long it took. */
    private record Prepared(List<Candidate> candidates, float[] patches, long nanos) {
    }

    /** Patches scored per forward pass: bounds memory whatever the number of candidates. */
    private static final int BATCH = 64;

    /**
     * Batches prepared ahead of the model: a batch whose candidates need a level searched takes longer than the model
     * scoring one, so one ahead is not always enough; each holds {@value #BATCH} patches (8 MB at 32^3).
     */
    private static final int LOOKAHEAD = 3;

    private final PatchScorer scorer;
    private final int batchSize;
    private final PatchSampler sampler;
    private final ModelDescriptor model;

    public NoduleDetector(PatchScorer scorer, ModelDescriptor model) {
        this(scorer, model, BATCH);
    }

    /** With another batch size: tests make many batches of a small volume. */
    NoduleDetector(PatchScorer scorer, ModelDescriptor model, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1");
        }
        this.scorer = scorer;
        this.model = model;
        this.sampler = model.sampler();
        this.batchSize = batchSize;
    }

    /** The model that scores: name, version, threshold. */
    public ModelDescriptor model() {
        return model;
    }

    /** Every merged candidate with its probability, most probable first. */
    public List<Finding> score(CtVolume volume) {
        return analyse(volume).scored();
    }

    /** The findings at the model's operating point, most probable first. */
    public List<Finding> detect(CtVolume volume) {
        return analyse(volume).findings();
    }

    /**
     * Lung mask, then the first batch on every detection thread; from then on the model (one thread) scores a batch
     * while up to {@value #LOOKAHEAD} next ones are prepared aside, one after the other, so that the candidate search
     * of the later levels and the patch sampling cost the analysis only where they are slower than the model. The
     * batches are those of a plain loop over the candidates in level order, cut every batch size, so the
     * probabilities are too.
     */
    public Analysis analyse(CtVolume volume) {
        return analyse(volume, null);
    }

    /**
     * The lung mask as a {@link io.vigie.inference.volume.SlicePass}: given to {@code VolumeAssembler.assemble}, it
     * is made while the volume is assembled, each slice as soon as it is written, and {@link #analyse(CtVolume,
     * CandidateGenerator.LungPass)} starts from it. The results are those of {@link #analyse(CtVolume)}.
     */
    public CandidateGenerator.LungPass lungPass(CtVolume volume) {
        return new CandidateGenerator.LungPass(volume);
    }

    /**
     * {@link #analyse(CtVolume)}, from the lung mask that {@code lungPass} (of this volume, every slice passed) made
     * during assembly; null: made here, and timed as the lung mask.
     */
    public Analysis analyse(CtVolume volume, CandidateGenerator.LungPass lungPass) {
        if (lungPass != null && lungPass.volume() != volume) {
            throw new IllegalArgumentException("the lung pass was made for another volume");
        }
        long t0 = System.nanoTime();
        CandidateGenerator.Search search = lungPass == null ? CandidateGenerator.searchWithLungMask(volume)
                : lungPass.search();
        long t1 = System.nanoTime();
        Batches batches = new Batches(search, batchSize);
        List<Candidate> batch = batches.next();
        long t2 = System.nanoTime();
        float[] patches = sample(volume, batch);
        long t3 = System.nanoTime();
        long scoring = 0;
        long waiting = 0;
        long aside = 0;
        List<Finding> findings = new ArrayList<>();
        Supplier<Prepared> prepare = () -> {
            long p0 = System.nanoTime();
            List<Candidate> candidates = batches.next();
            return new Prepared(candidates, sample(volume, candidates), System.nanoTime() - p0);
        };
        Deque<CompletableFuture<Prepared>> ahead = new ArrayDeque<>();
        CompletableFuture<?> last = CompletableFuture.completedFuture(null);
        if (!batch.isEmpty()) {
            // Right after the second batch, while the model scores the first, the thresholds of the later levels:
            // made here rather than during assembly, they no longer delay the first batch; made when their level is
            // searched, they delayed a batch that the model then waited for (docs/benchmarks.md, Detection).
            CompletableFuture<Prepared> second = VolumeWorkers.aside(last, prepare);
            ahead.add(second);
            last = VolumeWorkers.aside(second, () -> {
                batches.thresholdEveryLevel();
                return null;
            });
        }
        while (!batch.isEmpty()) {
            while (ahead.size() < LOOKAHEAD) {
                CompletableFuture<Prepared> next = VolumeWorkers.aside(last, prepare);
                ahead.add(next);
                last = next;
            }
            long s0 = System.nanoTime();
            float[] probabilities = scorer.probabilities(patches, batch.size(), sampler.size());
            long s1 = System.nanoTime();
            for (int i = 0; i < batch.size(); i++) {
                findings.add(new Finding(batch.get(i), probabilities[i]));
            }
            Prepared prepared = VolumeWorkers.result(ahead.poll());
            waiting += System.nanoTime() - s1;
            scoring += s1 - s0;
            aside += prepared.nanos();
            batch = prepared.candidates();
            patches = prepared.patches();
        }
        long m0 = System.nanoTime();
        List<Finding> merged = merge(findings);
        List<Finding> kept = merged.stream().filter(f -> f.probability() >= model.threshold()).toList();
        long m1 = System.nanoTime();
        Timing timing = new Timing(t1 - t0, t2 - t1, t3 - t2, waiting, scoring, m1 - m0, aside, findings.size());
        return new Analysis(kept, merged, model, timing);
    }

    /** Each patch is written to its own part of the batch, so the threads need nothing but their buffers. */
    private float[] sample(CtVolume volume, List<Candidate> batch) {
        int voxels = sampler.voxels();
        float[] patches = new float[batch.size() * voxels];
        VolumeWorkers.forEach(batch.size(), PatchSampler.Scratch::new, (scratch, i) ->
                sampler.sample(volume, batch.get(i).voxelCentre(), patches, i * voxels, scratch));
        return patches;
    }

    /**
     * The candidates in level order, a batch at a time; a level is searched only when a batch needs its
     * candidates. Used by one thread at a time (the analysing thread, then each preparation aside in turn).
     */
    private static final class Batches {
        private final CandidateGenerator.Search search;
        private final int size;
        private final List<Candidate> found = new ArrayList<>();
        private int taken;

        Batches(CandidateGenerator.Search search, int size) {
            this.search = search;
            this.size = size;
        }

        /** See {@link CandidateGenerator.Search#thresholdEveryLevel}. */
        void thresholdEveryLevel() {
            search.thresholdEveryLevel();
        }

        /** The next batch; empty when every level is searched and every candidate taken. */
        List<Candidate> next() {
            while (found.size() - taken < size && search.hasNext()) {
                found.addAll(search.next());
            }
            List<Candidate> batch = List.copyOf(found.subList(taken, Math.min(found.size(), taken + size)));
            taken += batch.size();
            return batch;
        }
    }

    /** Frees the model. */
    @Override
    public void close() {
        scorer.close();
    }

    /**
     * Most probable first; a candidate whose centre lies inside a more probable one's radius is the same lesion seen
     * at another level (or a part of it) and is dropped, as LUNA16 would count it once.
     */
    static List<Finding> merge(List<Finding> findings) {
        List<Finding> sorted = new ArrayList<>(findings);
        sorted.sort(Comparator.comparingDouble(Finding::probability).reversed());
        List<Finding> kept = new ArrayList<>();
        for (Finding finding : sorted) {
            boolean duplicate = false;
            for (Finding k : kept) {
                if (k.candidate().distanceMm(finding.candidate().centre()) <= k.candidate().diameterMm() / 2) {
                    duplicate = true;
                    break;
                }
            }
            if (!duplicate) {
                kept.add(finding);
            }
        }
        return kept;
    }
}
