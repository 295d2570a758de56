package io.vigie.inference.detection;

import io.vigie.inference.volume.CtVolume;
import io.vigie.inference.volume.VolumeWorkers;

/**
 * Segments the lungs slice by slice: air (below {@value #AIR_HU} HU) not connected to the image border (which is the
 * air around the body), in regions large enough to be lung, then closed by {@value #CLOSING_MM} mm and hole-filled so
 * that nodules, vessels and nodules touching the pleura fall inside the mask. Slice by slice because a series may
 * cover only part of the chest, where the lungs touch the first and last slices.
 */
public final class LungMask {

    static final float AIR_HU = -400f;
    static final double MIN_REGION_MM2 = 300;
    static final double CLOSING_MM = 10;

    private LungMask() {
    }

    /** A mask of the volume's size, x-fastest like {@link CtVolume#hu()}. */
    public static boolean[] segment(CtVolume volume) {
        PackedMask packed = segmentPacked(volume);
        boolean[] mask = new boolean[volume.width() * volume.height() * volume.depth()];
        VolumeWorkers.forEach(volume.depth(), z -> packed.unpackSlice(z, mask, z));
        return mask;
    }

    /**
     * The same mask, packed one slice per z, as {@link CandidateGenerator} reads it (the detector makes it slice by
     * slice during assembly instead: {@link CandidateGenerator.LungPass}).
     */
    static PackedMask segmentPacked(CtVolume volume) {
        PackedMask mask = new PackedMask(volume.width(), volume.height(), volume.depth());
        VolumeWorkers.forEach(volume.depth(), () -> new SliceWork(volume), (work, z) -> work.segmentInto(mask, z));
        return mask;
    }

    /** One thread's buffers for one volume's slices, reused slice after slice. */
    public static final class SliceWork {
        private final CtVolume volume;
        private final int minPixels;
        private final int closingRadius;
        private final PackedMask air;
        private final PackedMask lung;
        private final long[] scratch;
        private final Thresholder thresholder = new Thresholder();

        SliceWork(CtVolume volume) {
            this.volume = volume;
            this.minPixels = (int) Math.ceil(MIN_REGION_MM2 / (volume.spacing()[0] * volume.spacing()[1]));
            this.closingRadius = (int) Math.round(CLOSING_MM / volume.spacing()[0]);
            this.air = new PackedMask(volume.width(), volume.height(), 1);
            this.lung = new PackedMask(volume.width(), volume.height(), 1);
            this.scratch = new long[air.words() * volume.height()];
        }

        /** Slice {@code z} of the mask into {@code mask} (empty there), from slice {@code z} of the volume alone. */
        void segmentInto(PackedMask mask, int z) {
            int w = volume.width();
            int h = volume.height();
            float[] hu = volume.hu();
            for (int y = 0; y < h; y++) {
                int row = (z * h + y) * w;
                for (int j = 0; j < air.words(); j++) {
                    air.setWord(y, j, thresholder.below(hu, row + (j << 6), Math.min(64, w - (j << 6)), AIR_HU));
                }
            }
            innerAirRegions(air, lung, minPixels);
            lung.dilate(0, closingRadius, scratch);
            lung.erode(0, closingRadius, scratch);
            fillHoles(lung, air);
            mask.or(z, lung, 0);
        }
    }

    /** Into {@code result}: the air regions that do not touch the border and have at least {@code minPixels}. */
    static void innerAirRegions(PackedMask air, PackedMask result, int minPixels) {
        ConnectedRuns runs = ConnectedRuns.ofSlice(air, 0);
        int n = runs.count();
        int[] pixels = new int[n];
        boolean[] touches = new boolean[n];
        for (int i = 0; i < n; i++) {
            int c = runs.component(i);
            pixels[c] += runs.end(i) - runs.start(i);
            touches[c] |= runs.touchesEdge(i);
        }
        result.clear(0);
        for (int i = 0; i < n; i++) {
            int c = runs.component(i);
            if (!touches[c] && pixels[c] >= minPixels) {
                result.setRun(runs.row(i), runs.start(i), runs.end(i));
            }
        }
    }

    /**
     * Pixels not reachable from the border through pixels outside the mask become part of it: the components of the
     * complement that do not touch the border are holes. {@code work}: a buffer of the mask's size.
     */
    static void fillHoles(PackedMask mask, PackedMask work) {
        work.clear(0);
        work.or(0, mask, 0);
        work.invert(0);
        ConnectedRuns runs = ConnectedRuns.ofSlice(work, 0);
        int n = runs.count();
        boolean[] touches = new boolean[n];
        for (int i = 0; i < n; i++) {
            touches[runs.component(i)] |= runs.touchesEdge(i);
        }
        for (int i = 0; i < n; i++) {
            if (!touches[runs.component(i)]) {
                mask.setRun(runs.row(i), runs.start(i), runs.end(i));
            }
        }
    }
}
