package io.vigie.inference.detection;

import io.vigie.inference.volume.CtVolume;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * First stage of detection: dense regions inside the lung mask, thinned so that vessels narrower than
 * {@value #OPENING_MM} mm fall away, split into 3-D connected regions, and kept when their size and shape could be a
 * nodule. High sensitivity is the aim; the model of the second stage rejects the false positives.
 */
public final class CandidateGenerator {

    static final float DENSE_HU = -500f;
    static final double OPENING_MM = 1.5;
    static final double MIN_DIAMETER_MM = 3;
    static final double MAX_DIAMETER_MM = 40;
    /** A region longer than this many times its equivalent diameter is a vessel segment, not a nodule. */
    static final double MAX_ELONGATION = 3;

    private CandidateGenerator() {
    }

    public static List<Candidate> generate(CtVolume volume, boolean[] lungMask) {
        int w = volume.width();
        int h = volume.height();
        int d = volume.depth();
        int radius = Math.max(1, (int) Math.round(OPENING_MM / volume.spacing()[0]));
        boolean[] dense = new boolean[w * h * d];
        for (int z = 0; z < d; z++) {
            boolean[] slice = new boolean[w * h];
            for (int i = 0; i < slice.length; i++) {
                int v = z * w * h + i;
                slice[i] = lungMask[v] && volume.hu()[v] > DENSE_HU;
            }
            slice = LungMask.dilate(LungMask.erode(slice, w, h, radius), w, h, radius);
            System.arraycopy(slice, 0, dense, z * w * h, w * h);
        }
        return regions(volume, dense);
    }

    private static List<Candidate> regions(CtVolume volume, boolean[] dense) {
        int w = volume.width();
        int h = volume.height();
        int d = volume.depth();
        double[] spacing = volume.spacing();
        double voxelVolume = spacing[0] * spacing[1] * spacing[2];
        boolean[] seen = new boolean[dense.length];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        List<Candidate> candidates = new ArrayList<>();
        for (int start = 0; start < dense.length; start++) {
            if (!dense[start] || seen[start]) {
                continue;
            }
            seen[start] = true;
            queue.add(start);
            long count = 0;
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
            while (!queue.isEmpty()) {
                int p = queue.poll();
                int x = p % w;
                int y = (p / w) % h;
                int z = p / (w * h);
                count++;
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
                if (x > 0) enqueue(p - 1, dense, seen, queue);
                if (x < w - 1) enqueue(p + 1, dense, seen, queue);
                if (y > 0) enqueue(p - w, dense, seen, queue);
                if (y < h - 1) enqueue(p + w, dense, seen, queue);
                if (z > 0) enqueue(p - w * h, dense, seen, queue);
                if (z < d - 1) enqueue(p + w * h, dense, seen, queue);
            }
            double volumeMm3 = count * voxelVolume;
            double diameter = Math.cbrt(6 * volumeMm3 / Math.PI);
            double length = Math.max((maxX - minX + 1) * spacing[0],
                    Math.max((maxY - minY + 1) * spacing[1], (maxZ - minZ + 1) * spacing[2]));
            if (diameter < MIN_DIAMETER_MM || diameter > MAX_DIAMETER_MM || length > MAX_ELONGATION * diameter) {
                continue;
            }
            double[] voxel = {sx / count, sy / count, sz / count};
            candidates.add(new Candidate(volume.toPatient(voxel[0], voxel[1], voxel[2]), voxel, diameter, volumeMm3,
                    sumHu / count));
        }
        return candidates;
    }

    private static void enqueue(int p, boolean[] dense, boolean[] seen, ArrayDeque<Integer> queue) {
        if (dense[p] && !seen[p]) {
            seen[p] = true;
            queue.add(p);
        }
    }
}
