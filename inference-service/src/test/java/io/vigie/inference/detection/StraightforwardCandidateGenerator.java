package io.vigie.inference.detection;

import io.vigie.inference.volume.CtVolume;
import java.util.ArrayList;
import java.util.Arrays;
import io.vigie.inference.detection.CandidateGenerator.Level;
import java.util.List;

/**
 * The candidate generator as it was before the packed-bit rewrite (a copy of the straightforward code: boolean
 * arrays, a running-window morphology, a breadth-first labelling of the whole volume), kept as the reference that
 * {@link FastMorphologyEquivalenceTest} compares {@link CandidateGenerator} with, candidate for candidate.
 */
final class StraightforwardCandidateGenerator {

    private static final List<Level> LEVELS = CandidateGenerator.LEVELS;

    static final double MIN_DIAMETER_MM = 3;
    static final double MAX_DIAMETER_MM = 40;
    /** A region longer than this many times its equivalent diameter is a vessel segment, not a nodule. */
    static final double MAX_ELONGATION = 3;

    private StraightforwardCandidateGenerator() {
    }

    /** The candidates of every level, in level order (one lesion may appear at several levels). */
    public static List<Candidate> generate(CtVolume volume, boolean[] lungMask) {
        int[][] boxes = lungBoxes(volume, lungMask);
        List<Candidate> candidates = new ArrayList<>();
        for (Level level : LEVELS) {
            candidates.addAll(generate(volume, lungMask, level, boxes));
        }
        return candidates;
    }

    public static List<Candidate> generate(CtVolume volume, boolean[] lungMask, Level level) {
        return generate(volume, lungMask, level, lungBoxes(volume, lungMask));
    }

    /**
     * The opening runs on each slice's lung bounding box only (padded beyond the opening radius, so the result is
     * the same as on the whole slice): the lungs cover about a third of a chest CT's field of view, and the opening
     * is most of the generator's cost.
     */
    private static List<Candidate> generate(CtVolume volume, boolean[] lungMask, Level level, int[][] boxes) {
        int w = volume.width();
        int h = volume.height();
        int d = volume.depth();
        int radius = Math.max(1, (int) Math.round(level.openingMm() / volume.spacing()[0]));
        boolean[] dense = new boolean[w * h * d];
        for (int z = 0; z < d; z++) {
            int[] box = boxes[z];
            if (box == null) {
                continue;
            }
            int x0 = Math.max(0, box[0] - radius - 1);
            int y0 = Math.max(0, box[1] - radius - 1);
            int x1 = Math.min(w - 1, box[2] + radius + 1);
            int y1 = Math.min(h - 1, box[3] + radius + 1);
            int cw = x1 - x0 + 1;
            int ch = y1 - y0 + 1;
            boolean[] crop = new boolean[cw * ch];
            for (int y = y0; y <= y1; y++) {
                int row = z * w * h + y * w;
                for (int x = x0; x <= x1; x++) {
                    crop[(y - y0) * cw + x - x0] = lungMask[row + x] && volume.hu()[row + x] > level.thresholdHu();
                }
            }
            boolean[] opened = StraightforwardLungMask.dilate(StraightforwardLungMask.erode(crop, cw, ch, radius), cw, ch, radius);
            for (int y = y0; y <= y1; y++) {
                System.arraycopy(opened, (y - y0) * cw, dense, z * w * h + y * w + x0, cw);
            }
        }
        return regions(volume, dense);
    }

    /** Per slice, the lung mask's bounding box {minX, minY, maxX, maxY}, or null where the slice holds no lung. */
    static int[][] lungBoxes(CtVolume volume, boolean[] lungMask) {
        int w = volume.width();
        int h = volume.height();
        int[][] boxes = new int[volume.depth()][];
        for (int z = 0; z < volume.depth(); z++) {
            int minX = w;
            int minY = h;
            int maxX = -1;
            int maxY = -1;
            for (int y = 0; y < h; y++) {
                int row = z * w * h + y * w;
                for (int x = 0; x < w; x++) {
                    if (lungMask[row + x]) {
                        minX = Math.min(minX, x);
                        maxX = Math.max(maxX, x);
                        minY = Math.min(minY, y);
                        maxY = y;
                    }
                }
            }
            boxes[z] = maxX < 0 ? null : new int[] {minX, minY, maxX, maxY};
        }
        return boxes;
    }

    private static List<Candidate> regions(CtVolume volume, boolean[] dense) {
        int w = volume.width();
        int h = volume.height();
        int d = volume.depth();
        double[] spacing = volume.spacing();
        double voxelVolume = spacing[0] * spacing[1] * spacing[2];
        long maxVoxels = (long) Math.ceil(Math.PI / 6 * StrictMath.pow(MAX_DIAMETER_MM, 3) / voxelVolume);
        boolean[] seen = new boolean[dense.length];
        int[] queue = new int[1024];
        List<Candidate> candidates = new ArrayList<>();
        for (int start = 0; start < dense.length; start++) {
            if (!dense[start] || seen[start]) {
                continue;
            }
            seen[start] = true;
            queue[0] = start;
            int head = 0;
            int tail = 1;
            double sx = 0;
            double sy = 0;
            double sz = 0;
            double sumHu = 0;
            int minX = w;
            int maxX = -1;
            int minY = h;
            int maxY = -1;
            int minZ = d;
            int maxZ = -1;
            // The queue keeps every visited voxel (head only advances), so it ends as the region's voxel list.
            while (head < tail) {
                int p = queue[head++];
                int x = p % w;
                int y = (p / w) % h;
                int z = p / (w * h);
                sx += x;
                sy += y;
                sz += z;
                sumHu += volume.hu()[p];
                minX = Math.min(minX, x);
                maxX = Math.max(maxX, x);
                minY = Math.min(minY, y);
                maxY = Math.max(maxY, y);
                minZ = Math.min(minZ, z);
                maxZ = Math.max(maxZ, z);
                if (tail + 6 > queue.length) {
                    queue = Arrays.copyOf(queue, queue.length * 2);
                }
                if (x > 0) tail = enqueue(p - 1, dense, seen, queue, tail);
                if (x < w - 1) tail = enqueue(p + 1, dense, seen, queue, tail);
                if (y > 0) tail = enqueue(p - w, dense, seen, queue, tail);
                if (y < h - 1) tail = enqueue(p + w, dense, seen, queue, tail);
                if (z > 0) tail = enqueue(p - w * h, dense, seen, queue, tail);
                if (z < d - 1) tail = enqueue(p + w * h, dense, seen, queue, tail);
            }
            int count = tail;
            if (count > maxVoxels) {
                continue;
            }
            double volumeMm3 = count * voxelVolume;
            double diameter = StrictMath.cbrt(6 * volumeMm3 / Math.PI); // as the detector: the same on every JVM
            double length = Math.max((maxX - minX + 1) * spacing[0],
                    Math.max((maxY - minY + 1) * spacing[1], (maxZ - minZ + 1) * spacing[2]));
            if (diameter < MIN_DIAMETER_MM || diameter > MAX_DIAMETER_MM || length > MAX_ELONGATION * diameter) {
                continue;
            }
            int[] voxels = Arrays.copyOf(queue, count);
            Arrays.sort(voxels);
            double[] voxel = {sx / count, sy / count, sz / count};
            candidates.add(new Candidate(volume.toPatient(voxel[0], voxel[1], voxel[2]), voxel, diameter, volumeMm3,
                    sumHu / count, voxels));
        }
        return candidates;
    }

    private static int enqueue(int p, boolean[] dense, boolean[] seen, int[] queue, int tail) {
        if (dense[p] && !seen[p]) {
            seen[p] = true;
            queue[tail++] = p;
        }
        return tail;
    }
}
