package io.vigie.inference.detection;

import io.vigie.inference.volume.CtVolume;

/**
 * The lung mask as it was before the packed-bit rewrite (a copy of the straightforward code: boolean arrays, a
 * running window along rows then along columns, breadth-first region growing), kept as the reference that
 * {@link FastMorphologyEquivalenceTest} compares {@link LungMask} with, voxel for voxel.
 */
final class StraightforwardLungMask {

    static final float AIR_HU = LungMask.AIR_HU;
    static final double MIN_REGION_MM2 = LungMask.MIN_REGION_MM2;
    static final double CLOSING_MM = LungMask.CLOSING_MM;

    private StraightforwardLungMask() {
    }

    /** A mask of the volume's size, x-fastest like {@link CtVolume#hu()}. */
    static boolean[] segment(CtVolume volume) {
        int w = volume.width();
        int h = volume.height();
        boolean[] mask = new boolean[w * h * volume.depth()];
        double pixelArea = volume.spacing()[0] * volume.spacing()[1];
        int closingRadius = (int) Math.round(CLOSING_MM / volume.spacing()[0]);
        for (int z = 0; z < volume.depth(); z++) {
            boolean[] air = new boolean[w * h];
            for (int i = 0; i < air.length; i++) {
                air[i] = volume.hu()[z * w * h + i] < AIR_HU;
            }
            boolean[] lung = innerAirRegions(air, w, h, (int) Math.ceil(MIN_REGION_MM2 / pixelArea));
            lung = erode(dilate(lung, w, h, closingRadius), w, h, closingRadius);
            lung = fillHoles(lung, w, h);
            System.arraycopy(lung, 0, mask, z * w * h, w * h);
        }
        return mask;
    }

    /** Air regions that do not touch the border and have at least {@code minPixels} pixels. */
    static boolean[] innerAirRegions(boolean[] air, int w, int h, int minPixels) {
        boolean[] result = new boolean[w * h];
        boolean[] seen = new boolean[w * h];
        // One array serves as the queue of every region in turn: it ends holding the region's pixels.
        int[] members = new int[w * h];
        for (int start = 0; start < air.length; start++) {
            if (!air[start] || seen[start]) {
                continue;
            }
            int head = 0;
            int tail = 0;
            boolean touchesBorder = false;
            seen[start] = true;
            members[tail++] = start;
            while (head < tail) {
                int p = members[head++];
                int x = p % w;
                int y = p / w;
                touchesBorder |= x == 0 || y == 0 || x == w - 1 || y == h - 1;
                if (x > 0) tail = visit(p - 1, air, seen, members, tail);
                if (x < w - 1) tail = visit(p + 1, air, seen, members, tail);
                if (y > 0) tail = visit(p - w, air, seen, members, tail);
                if (y < h - 1) tail = visit(p + w, air, seen, members, tail);
            }
            if (!touchesBorder && tail >= minPixels) {
                for (int i = 0; i < tail; i++) {
                    result[members[i]] = true;
                }
            }
        }
        return result;
    }

    private static int visit(int p, boolean[] air, boolean[] seen, int[] queue, int tail) {
        if (air[p] && !seen[p]) {
            seen[p] = true;
            queue[tail++] = p;
        }
        return tail;
    }

    /** Pixels not reachable from the border through pixels outside the mask become part of it. */
    static boolean[] fillHoles(boolean[] mask, int w, int h) {
        boolean[] outside = new boolean[w * h];
        int[] queue = new int[w * h];
        int tail = 0;
        for (int x = 0; x < w; x++) {
            tail = seed(x, mask, outside, queue, tail);
            tail = seed((h - 1) * w + x, mask, outside, queue, tail);
        }
        for (int y = 0; y < h; y++) {
            tail = seed(y * w, mask, outside, queue, tail);
            tail = seed(y * w + w - 1, mask, outside, queue, tail);
        }
        for (int head = 0; head < tail; head++) {
            int p = queue[head];
            int x = p % w;
            int y = p / w;
            if (x > 0) tail = seed(p - 1, mask, outside, queue, tail);
            if (x < w - 1) tail = seed(p + 1, mask, outside, queue, tail);
            if (y > 0) tail = seed(p - w, mask, outside, queue, tail);
            if (y < h - 1) tail = seed(p + w, mask, outside, queue, tail);
        }
        boolean[] filled = new boolean[w * h];
        for (int i = 0; i < filled.length; i++) {
            filled[i] = !outside[i];
        }
        return filled;
    }

    private static int seed(int p, boolean[] mask, boolean[] outside, int[] queue, int tail) {
        if (!mask[p] && !outside[p]) {
            outside[p] = true;
            queue[tail++] = p;
        }
        return tail;
    }

    /** Square structuring element, separable: a running window along rows, then along columns. */
    static boolean[] dilate(boolean[] mask, int w, int h, int radius) {
        return separable(mask, w, h, radius, true);
    }

    static boolean[] erode(boolean[] mask, int w, int h, int radius) {
        return separable(mask, w, h, radius, false);
    }

    private static boolean[] separable(boolean[] mask, int w, int h, int radius, boolean dilate) {
        boolean[] rows = new boolean[w * h];
        for (int y = 0; y < h; y++) {
            window(mask, rows, y * w, 1, w, radius, dilate);
        }
        boolean[] result = new boolean[w * h];
        for (int x = 0; x < w; x++) {
            window(rows, result, x, w, h, radius, dilate);
        }
        return result;
    }

    /** For each position along a line, whether any (dilate) or all (erode) of the window's pixels are set. */
    private static void window(boolean[] in, boolean[] out, int start, int step, int length, int radius,
            boolean dilate) {
        int set = 0;
        for (int i = 0; i < Math.min(radius, length); i++) {
            set += in[start + i * step] ? 1 : 0;
        }
        for (int i = 0; i < length; i++) {
            int entering = i + radius;
            if (entering < length) {
                set += in[start + entering * step] ? 1 : 0;
            }
            int leaving = i - radius - 1;
            if (leaving >= 0) {
                set -= in[start + leaving * step] ? 1 : 0;
            }
            int windowSize = Math.min(length - 1, i + radius) - Math.max(0, i - radius) + 1;
            out[start + i * step] = dilate ? set > 0 : set == windowSize;
        }
    }
}
