package io.vigie.inference.detection;

import io.vigie.inference.volume.CtVolume;
import io.vigie.inference.volume.SlicePass;
import io.vigie.inference.volume.VolumeWorkers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * First stage of detection: regions denser than the lung around them, inside the lung mask, found at several
 * {@link Level}s (a density threshold and an in-plane opening radius), split into 3-D connected regions and kept when
 * their size and shape could be a nodule. High sensitivity is the aim; the model of the second stage rejects the
 * false positives, and {@link NoduleDetector} merges the candidates several levels give for one lesion.
 *
 * <p>Why several levels: one threshold cannot see both a solid nodule (about 0 HU) and a ground-glass one (about
 * -600 HU) as compact regions; one opening radius either keeps small nodules and leaves a nodule joined to the vessel
 * or pleura it touches (an elongated region, rejected), or separates them and loses the small ones.
 */
public final class CandidateGenerator {

    /** A density threshold (HU) and an in-plane opening radius (mm): structures thinner than 2 radii fall away. */
    public record Level(float thresholdHu, double openingMm) {
    }

    public static final List<Level> LEVELS = List.of(
            new Level(-500f, 1.5), new Level(-500f, 3.0), new Level(-720f, 1.5), new Level(-720f, 3.0));

    static final double MIN_DIAMETER_MM = 3;
    static final double MAX_DIAMETER_MM = 40;
    /** A region longer than this many times its equivalent diameter is a vessel segment, not a nodule. */
    static final double MAX_ELONGATION = 3;

    private CandidateGenerator() {
    }

    /** The candidates of every level, in level order (one lesion may appear at several levels). */
    public static List<Candidate> generate(CtVolume volume, boolean[] lungMask) {
        return generate(volume, PackedMask.of(volume.width(), volume.height(), volume.depth(), lungMask), LEVELS);
    }

    public static List<Candidate> generate(CtVolume volume, boolean[] lungMask, Level level) {
        return generate(volume, PackedMask.of(volume.width(), volume.height(), volume.depth(), lungMask),
                List.of(level));
    }

    /** The candidates of every level from the packed lung mask of {@link LungMask#segmentPacked}. */
    static List<Candidate> generate(CtVolume volume, PackedMask lungs) {
        return generate(volume, lungs, LEVELS);
    }

    private static List<Candidate> generate(CtVolume volume, PackedMask lungs, List<Level> levels) {
        List<Candidate> candidates = new ArrayList<>();
        Search search = new Search(volume, lungs, levels, Map.of());
        while (search.hasNext()) {
            candidates.addAll(search.next());
        }
        return candidates;
    }

    /**
     * The lung mask ({@link LungMask#segmentPacked}) and a search of every level in it, slice by slice on the volume
     * pool ({@link LungPass} over a whole volume).
     */
    static Search searchWithLungMask(CtVolume volume) {
        LungPass pass = new LungPass(volume);
        VolumeWorkers.forEach(volume.depth(), pass::buffers, pass::sliceAssembled);
        return pass.search();
    }

    /**
     * The lung mask, and the lung's voxels denser than the first level's threshold, made slice by slice: each slice
     * thresholded right after its lung mask, while its densities are still in cache. A {@link SlicePass}, so that
     * assembly can run it on each slice it writes ({@link NoduleDetector#lungPass}); once every slice has passed,
     * {@link #search} searches the levels in it. Only the first level's threshold: its candidates fill the first
     * batch, which the model waits for; the detector has the other thresholds made aside once the model runs
     * ({@link Search#thresholdEveryLevel}).
     */
    public static final class LungPass implements SlicePass<LungMask.SliceWork> {
        private final CtVolume volume;
        private final PackedMask lungs;
        private final float firstThreshold = LEVELS.get(0).thresholdHu();
        private final PackedMask dense;

        LungPass(CtVolume volume) {
            this.volume = volume;
            this.lungs = new PackedMask(volume.width(), volume.height(), volume.depth());
            this.dense = new PackedMask(volume.width(), volume.height(), volume.depth());
        }

        @Override
        public LungMask.SliceWork buffers() {
            return new LungMask.SliceWork(volume);
        }

        @Override
        public void sliceAssembled(LungMask.SliceWork work, int z) {
            work.segmentInto(lungs, z);
            thresholdSlice(volume, lungs, z, firstThreshold, dense);
        }

        /** The volume this pass is for. */
        public CtVolume volume() {
            return volume;
        }

        /**
         * The levels searched in the masks: every slice must have passed, and what each slice's thread wrote must be
         * visible here (as a pool's completion makes it).
         */
        Search search() {
            return new Search(volume, lungs, LEVELS, Map.of(firstThreshold, dense));
        }
    }

    /**
     * The levels of one volume searched one at a time, in order, so that the detector can score the first levels'
     * candidates while the next ones are searched. Levels that share a threshold share its thresholded lung
     * ({@code lung mask and denser than the threshold}, packed 64 voxels to a word, made when first needed unless
     * given; 10 MB each for 300 slices, kept while the search is); each level then opens its own copy slice by slice
     * and labels it in 3-D. One thread at a time: a search
     * handed from thread to thread must be handed with a happens-before edge (as an executor's submission and a
     * future's completion give).
     */
    static final class Search {
        private final CtVolume volume;
        private final PackedMask lungs;
        private final List<Level> levels;
        private final Map<Float, PackedMask> dense;
        private int nextLevel;

        private Search(CtVolume volume, PackedMask lungs, List<Level> levels, Map<Float, PackedMask> dense) {
            this.volume = volume;
            this.lungs = lungs;
            this.levels = levels;
            this.dense = new HashMap<>(dense);
        }

        boolean hasNext() {
            return nextLevel < levels.size();
        }

        /** Makes the thresholded lung of every level that has none yet (on the calling thread's share of the pool). */
        void thresholdEveryLevel() {
            for (Level level : levels) {
                dense.computeIfAbsent(level.thresholdHu(), t -> threshold(volume, lungs, t));
            }
        }

        /** The next level's candidates, in the order of their first voxel. */
        List<Candidate> next() {
            Level level = levels.get(nextLevel++);
            PackedMask thresholded = dense.computeIfAbsent(level.thresholdHu(), t -> threshold(volume, lungs, t));
            return regions(volume, open(thresholded, level, volume.spacing()[0]));
        }
    }

    /** Voxels of the lung denser than {@code thresholdHu}: only the words of the lung's voxels are read. */
    private static PackedMask threshold(CtVolume volume, PackedMask lungs, float thresholdHu) {
        PackedMask dense = new PackedMask(volume.width(), volume.height(), volume.depth());
        VolumeWorkers.forEach(volume.depth(), z -> thresholdSlice(volume, lungs, z, thresholdHu, dense));
        return dense;
    }

    /** Slice z of {@link #threshold}, into {@code dense}: the slice's words only, so slices can run at once. */
    private static void thresholdSlice(CtVolume volume, PackedMask lungs, int z, float thresholdHu,
            PackedMask dense) {
        int w = volume.width();
        int h = volume.height();
        float[] hu = volume.hu();
        long[] lung = lungs.bits();
        int words = lungs.words();
        Thresholder thresholder = new Thresholder();
        for (int row = z * h; row < (z + 1) * h; row++) {
            for (int j = 0; j < words; j++) {
                long inLung = lung[row * words + j];
                if (inLung == 0) {
                    continue;
                }
                int first = row * w + (j << 6);
                long word = thresholder.above(hu, first, Math.min(64, w - (j << 6)), thresholdHu) & inLung;
                if (word != 0) {
                    dense.setWord(row, j, word);
                }
            }
        }
    }

    /**
     * The level's in-plane opening (erosion then dilation by a square), slice by slice, on a copy. On the whole slice:
     * the packed opening costs little. A slice with nothing denser in its lung (or no lung) is skipped: the opening
     * of an empty slice is empty.
     */
    private static PackedMask open(PackedMask dense, Level level, double spacingMm) {
        int radius = Math.max(1, (int) Math.round(level.openingMm() / spacingMm));
        PackedMask opened = new PackedMask(dense.width(), dense.height(), dense.depth());
        VolumeWorkers.forEach(dense.depth(), () -> new long[dense.words() * dense.height()], (scratch, z) -> {
            if (dense.isEmpty(z)) {
                return;
            }
            opened.or(z, dense, z);
            opened.erode(z, radius, scratch);
            opened.dilate(z, radius, scratch);
        });
        return opened;
    }

    /**
     * The 3-D (6-connected) regions of the opened mask that could be nodules, in the order of their first voxel. The
     * sums that give a region's centre are of integers (exact in any order); the density sum runs in voxel order.
     */
    private static List<Candidate> regions(CtVolume volume, PackedMask dense) {
        int w = volume.width();
        int h = volume.height();
        double[] spacing = volume.spacing();
        double voxelVolume = spacing[0] * spacing[1] * spacing[2];
        long maxVoxels = (long) Math.ceil(Math.PI / 6 * StrictMath.pow(MAX_DIAMETER_MM, 3) / voxelVolume);
        ConnectedRuns runs = ConnectedRuns.ofVolume(dense);
        int n = runs.count();
        long[] count = new long[n];
        long[] sx = new long[n];
        long[] sy = new long[n];
        long[] sz = new long[n];
        int[] minX = new int[n];
        int[] maxX = new int[n];
        int[] minY = new int[n];
        int[] maxY = new int[n];
        int[] minZ = new int[n];
        int[] maxZ = new int[n];
        for (int i = 0; i < n; i++) {
            int c = runs.component(i);
            int y = runs.row(i) % h;
            int z = runs.row(i) / h;
            long length = runs.end(i) - runs.start(i);
            if (c == i) {
                minX[c] = w;
                maxX[c] = -1;
                minY[c] = y;
                minZ[c] = z;
            }
            count[c] += length;
            // x0 + (x0 + 1) + ... + (x1 - 1)
            sx[c] += length * runs.start(i) + length * (length - 1) / 2;
            sy[c] += length * y;
            sz[c] += length * z;
            minX[c] = Math.min(minX[c], runs.start(i));
            maxX[c] = Math.max(maxX[c], runs.end(i) - 1);
            minY[c] = Math.min(minY[c], y);
            maxY[c] = Math.max(maxY[c], y);
            maxZ[c] = z; // runs come in raster order: the first run has the smallest z, the last the largest
        }
        boolean[] kept = new boolean[n];
        double[] diameters = new double[n];
        for (int c = 0; c < n; c++) {
            if (runs.component(c) != c || count[c] > maxVoxels) {
                continue;
            }
            // StrictMath: Math.cbrt may differ in the last bit from one JVM to another (Java 25 has an intrinsic that
            // Java 17 lacks), and a diameter must be the same on every JVM Vigie supports.
            double diameter = StrictMath.cbrt(6 * (count[c] * voxelVolume) / Math.PI);
            diameters[c] = diameter;
            double length = Math.max((maxX[c] - minX[c] + 1) * spacing[0],
                    Math.max((maxY[c] - minY[c] + 1) * spacing[1], (maxZ[c] - minZ[c] + 1) * spacing[2]));
            kept[c] = diameter >= MIN_DIAMETER_MM && diameter <= MAX_DIAMETER_MM
                    && length <= MAX_ELONGATION * diameter;
        }
        int[][] voxels = new int[n][];
        int[] filled = new int[n];
        double[] sumHu = new double[n];
        float[] hu = volume.hu();
        for (int i = 0; i < n; i++) {
            int c = runs.component(i);
            if (!kept[c]) {
                continue;
            }
            if (voxels[c] == null) {
                voxels[c] = new int[(int) count[c]];
            }
            int first = runs.row(i) * w;
            for (int x = runs.start(i); x < runs.end(i); x++) {
                voxels[c][filled[c]++] = first + x;
                sumHu[c] += hu[first + x];
            }
        }
        List<Candidate> candidates = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            if (!kept[c]) {
                continue;
            }
            double volumeMm3 = count[c] * voxelVolume;
            double[] voxel = {(double) sx[c] / count[c], (double) sy[c] / count[c], (double) sz[c] / count[c]};
            candidates.add(new Candidate(volume.toPatient(voxel[0], voxel[1], voxel[2]), voxel, diameters[c], volumeMm3,
                    sumHu[c] / count[c], voxels[c]));
        }
        return candidates;
    }
}
