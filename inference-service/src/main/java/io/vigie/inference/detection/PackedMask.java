package io.vigie.inference.detection;

import io.vigie.inference.volume.VolumeWorkers;

/**
 * A stack of binary slices, 64 pixels to a {@code long}, row by row (bit {@code x % 64} of word
 * {@code (z * height + y) * words + x / 64}), with square dilation and erosion of one slice at a time.
 *
 * <p>Why packed: the lung mask's 10 mm closing and the candidates' openings were most of the detector's time around
 * the model when each pixel was a boolean. Packed, one shift-and-OR moves 64 pixels at once. A square of radius r is
 * a line along x then a line along y; a line of radius r is the composition of lines of radii 1, 2, 4, ... adding up
 * to r (segments add under Minkowski sum), so a pass costs log r word operations per 64 pixels. The result is the
 * same as the running window it replaces, edge rule included: a dilation sees nothing beyond the image, an erosion
 * treats beyond the image as set (its window is cut at the edge), which is the dilation of the complement.
 */
final class PackedMask {

    private final int width;
    private final int height;
    private final int depth;
    private final int words;
    private final long[] bits;
    /** The last word's valid pixels: the bits past the width stay clear. */
    private final long tail;

    PackedMask(int width, int height, int depth) {
        this.width = width;
        this.height = height;
        this.depth = depth;
        this.words = (width + 63) >>> 6;
        this.bits = new long[words * height * depth];
        int rest = width & 63;
        this.tail = rest == 0 ? -1L : (1L << rest) - 1;
    }

    /** A boolean mask laid out like a CT volume ({@code (z * height + y) * width + x}), packed. */
    static PackedMask of(int width, int height, int depth, boolean[] mask) {
        PackedMask packed = new PackedMask(width, height, depth);
        VolumeWorkers.forEach(depth, z -> {
            for (int row = z * height; row < (z + 1) * height; row++) {
                for (int j = 0; j < packed.words; j++) {
                    long word = 0;
                    for (int x = j << 6, end = Math.min(width, x + 64); x < end; x++) {
                        word |= (mask[row * width + x] ? 1L : 0L) << (x & 63);
                    }
                    packed.bits[row * packed.words + j] = word;
                }
            }
        });
        return packed;
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    int depth() {
        return depth;
    }

    /** Words per row. */
    int words() {
        return words;
    }

    /** The packed bits themselves, row {@code r} (that is {@code z * height + y}) from {@code r * words()}. */
    long[] bits() {
        return bits;
    }

    /** Whether slice {@code z} has no pixel set. */
    boolean isEmpty(int z) {
        for (int i = z * height * words; i < (z + 1) * height * words; i++) {
            if (bits[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** Sets word {@code j} of row {@code row} (that is {@code z * height + y}): pixels 64 j to 64 j + 63. */
    void setWord(int row, int j, long word) {
        bits[row * words + j] = word;
    }

    /** Sets pixels [x0, x1) of row {@code row} (that is {@code z * height + y}). */
    void setRun(int row, int x0, int x1) {
        int base = row * words;
        for (int x = x0; x < x1; ) {
            int bit = x & 63;
            int n = Math.min(64 - bit, x1 - x);
            long run = n == 64 ? -1L : ((1L << n) - 1) << bit;
            bits[base + (x >>> 6)] |= run;
            x += n;
        }
    }

    /**
     * Sets, in a boolean array laid out like a CT volume ({@code (z * height + y) * width + x}), slice
     * {@code targetZ}'s pixels that are set in this stack's slice {@code z}.
     */
    void unpackSlice(int z, boolean[] target, int targetZ) {
        for (int y = 0; y < height; y++) {
            int base = (z * height + y) * words;
            int out = (targetZ * height + y) * width;
            for (int j = 0; j < words; j++) {
                long word = bits[base + j];
                while (word != 0) {
                    int bit = Long.numberOfTrailingZeros(word);
                    target[out + (j << 6) + bit] = true;
                    word &= word - 1;
                }
            }
        }
    }

    /** Slice {@code z} dilated by a square of {@code radius} pixels (side 2 radius + 1); {@code scratch}: words * height. */
    void dilate(int z, int radius, long[] scratch) {
        int[] steps = steps(radius);
        for (int step : steps) {
            dilateRows(z, step);
        }
        for (int step : steps) {
            dilateColumns(z, step, scratch);
        }
    }

    /** Slice {@code z} eroded by a square of {@code radius} pixels, beyond the image counting as set. */
    void erode(int z, int radius, long[] scratch) {
        invert(z);
        dilate(z, radius, scratch);
        invert(z);
    }

    /** Every pixel of slice {@code z} flipped; the bits past the width stay clear. */
    void invert(int z) {
        int from = z * height * words;
        for (int i = from; i < from + height * words; i++) {
            bits[i] = ~bits[i];
        }
        clearTails(z);
    }

    /** Every pixel of slice {@code z} cleared. */
    void clear(int z) {
        java.util.Arrays.fill(bits, z * height * words, (z + 1) * height * words, 0L);
    }

    /** Slice {@code z} OR'ed with another stack's slice {@code otherZ} (same width and height). */
    void or(int z, PackedMask other, int otherZ) {
        int a = z * height * words;
        int b = otherZ * height * words;
        for (int i = 0; i < height * words; i++) {
            bits[a + i] |= other.bits[b + i];
        }
    }

    private void clearTails(int z) {
        for (int y = 0; y < height; y++) {
            bits[(z * height + y) * words + words - 1] &= tail;
        }
    }

    /** Radii 1, 2, 4, ... (each at most 32, so that one shift moves a pixel at most one word) adding up to radius. */
    static int[] steps(int radius) {
        int[] steps = new int[Math.max(0, radius)];
        int count = 0;
        for (int left = radius, s = 1; left > 0; s = Math.min(32, s * 2)) {
            steps[count] = Math.min(s, left);
            left -= steps[count++];
        }
        return java.util.Arrays.copyOf(steps, count);
    }

    /** Each pixel OR'ed with the pixels {@code k} to its left and to its right (1 <= k <= 63). */
    private void dilateRows(int z, int k) {
        for (int y = 0; y < height; y++) {
            int base = (z * height + y) * words;
            if (emptyOrFull(base)) {
                continue; // an empty row stays empty, a full one full (most rows of a lung mask or its complement)
            }
            long previous = 0;
            for (int j = 0; j < words; j++) {
                long current = bits[base + j];
                long next = j + 1 < words ? bits[base + j + 1] : 0;
                // Pixel x takes x - k (a shift towards higher bits) and x + k (towards lower bits).
                bits[base + j] = current | current << k | previous >>> (64 - k) | current >>> k | next << (64 - k);
                previous = current;
            }
            bits[base + words - 1] &= tail;
        }
    }

    /** Whether the row whose first word is {@code base} has no pixel set, or every pixel. */
    private boolean emptyOrFull(int base) {
        boolean empty = true;
        boolean full = true;
        for (int j = 0; j < words; j++) {
            long word = bits[base + j];
            empty &= word == 0;
            full &= word == (j == words - 1 ? tail : -1L);
        }
        return empty || full;
    }

    /** Each row OR'ed with the rows {@code k} above and below it, where they exist. */
    private void dilateColumns(int z, int k, long[] scratch) {
        int from = z * height * words;
        int size = height * words;
        System.arraycopy(bits, from, scratch, 0, size);
        int shift = Math.min(k * words, size);
        // Three loops, not one with the edge tests inside: the middle one, most of the slice, is then one the JIT
        // vectorises. The first and last k rows have no row k above, or below, them.
        int top = Math.min(shift, size - shift);
        for (int i = 0; i < top; i++) {
            bits[from + i] = scratch[i] | scratch[i + shift];
        }
        for (int i = shift; i < size - shift; i++) {
            bits[from + i] = scratch[i] | scratch[i - shift] | scratch[i + shift];
        }
        for (int i = Math.max(top, size - shift); i < size; i++) {
            bits[from + i] = scratch[i] | (i >= shift ? scratch[i - shift] : 0);
        }
    }
}
