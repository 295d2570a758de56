package io.vigie.inference.detection;

import java.util.Arrays;

/**
 * The connected components of a {@link PackedMask}'s set pixels, as runs: each row's maximal runs of set pixels,
 * joined with the runs they overlap in the row above (4-connectivity within a slice) and, when labelling in 3-D, in
 * the same row of the slice before (6-connectivity), by union-find.
 *
 * <p>Why runs rather than a pixel-by-pixel flood: a region is visited once per run instead of once per pixel with six
 * neighbour tests, rows are read in memory order (a flood's step to the next slice misses the cache every time), and
 * the runs come out in raster order. Each component is named by its first run (the union keeps the smaller index as
 * the root), so components listed by {@link #component} order are in the order of their first pixel: the order a
 * raster-scan flood fill finds them in.
 */
final class ConnectedRuns {

    private final int width;
    private final int height;
    private int count;
    /** Row of each run ({@code z * height + y}), its first pixel and the pixel after its last. */
    private int[] row = new int[1024];
    private int[] start = new int[1024];
    private int[] end = new int[1024];
    private int[] parent;

    private ConnectedRuns(int width, int height) {
        this.width = width;
        this.height = height;
    }

    /** The components of slice {@code z} on its own (4-connected). */
    static ConnectedRuns ofSlice(PackedMask mask, int z) {
        ConnectedRuns runs = new ConnectedRuns(mask.width(), mask.height());
        int[] rowFirst = runs.collect(mask, z * mask.height(), (z + 1) * mask.height());
        runs.join(rowFirst, mask.height(), false);
        return runs;
    }

    /** The components of the whole stack (6-connected). */
    static ConnectedRuns ofVolume(PackedMask mask) {
        ConnectedRuns runs = new ConnectedRuns(mask.width(), mask.height());
        int rows = mask.height() * mask.depth();
        int[] rowFirst = runs.collect(mask, 0, rows);
        runs.join(rowFirst, rows, true);
        return runs;
    }

    int count() {
        return count;
    }

    /** Row of run {@code i}: {@code z * height + y}. */
    int row(int i) {
        return row[i];
    }

    int start(int i) {
        return start[i];
    }

    /** The pixel after the run's last. */
    int end(int i) {
        return end[i];
    }

    /** The component of run {@code i}: the index of its first run, at most {@code i}. */
    int component(int i) {
        return parent[i];
    }

    /** Whether run {@code i} touches the slice's edge. */
    boolean touchesEdge(int i) {
        int y = row[i] % height;
        return start[i] == 0 || end[i] == width || y == 0 || y == height - 1;
    }

    /** Collects the runs of rows [firstRow, lastRow); returns, per row from firstRow, the index of its first run. */
    private int[] collect(PackedMask mask, int firstRow, int lastRow) {
        long[] bits = mask.bits();
        int words = mask.words();
        int[] rowFirst = new int[lastRow - firstRow + 1];
        for (int r = firstRow; r < lastRow; r++) {
            rowFirst[r - firstRow] = count;
            int base = r * words;
            int x = 0;
            while (x < width) {
                int runStart = nextBit(bits, base, words, x, false);
                if (runStart >= width) {
                    break;
                }
                int runEnd = Math.min(width, nextBit(bits, base, words, runStart, true));
                add(r, runStart, runEnd);
                x = runEnd;
            }
        }
        rowFirst[lastRow - firstRow] = count;
        return rowFirst;
    }

    /** The first pixel at or after {@code from} that is set (or clear, when {@code clear}); 64 * words if none. */
    private static int nextBit(long[] bits, int base, int words, int from, boolean clear) {
        int j = from >>> 6;
        if (j >= words) {
            return words << 6;
        }
        long word = (clear ? ~bits[base + j] : bits[base + j]) & (-1L << (from & 63));
        while (word == 0) {
            if (++j == words) {
                return words << 6;
            }
            word = clear ? ~bits[base + j] : bits[base + j];
        }
        return (j << 6) + Long.numberOfTrailingZeros(word);
    }

    private void add(int r, int s, int e) {
        if (count == row.length) {
            row = Arrays.copyOf(row, count * 2);
            start = Arrays.copyOf(start, count * 2);
            end = Arrays.copyOf(end, count * 2);
        }
        row[count] = r;
        start[count] = s;
        end[count] = e;
        count++;
    }

    private void join(int[] rowFirst, int rows, boolean acrossSlices) {
        parent = new int[count];
        for (int i = 0; i < count; i++) {
            parent[i] = i;
        }
        for (int r = 0; r < rows; r++) {
            if (r % height != 0) {
                joinRows(rowFirst, r, r - 1);
            }
            if (acrossSlices && r >= height) {
                joinRows(rowFirst, r, r - height);
            }
        }
        // A parent always precedes its child, so one forward pass points every run at its root.
        for (int i = 0; i < count; i++) {
            parent[i] = parent[parent[i]];
        }
    }

    /** Unites the runs of row {@code a} with those of row {@code b} they overlap (both lists sorted, disjoint). */
    private void joinRows(int[] rowFirst, int a, int b) {
        int i = rowFirst[a];
        int iEnd = rowFirst[a + 1];
        int j = rowFirst[b];
        int jEnd = rowFirst[b + 1];
        while (i < iEnd && j < jEnd) {
            if (start[i] < end[j] && start[j] < end[i]) {
                union(i, j);
            }
            if (end[i] < end[j]) {
                i++;
            } else {
                j++;
            }
        }
    }

    private void union(int a, int b) {
        int ra = find(a);
        int rb = find(b);
        if (ra < rb) {
            parent[rb] = ra;
        } else if (rb < ra) {
            parent[ra] = rb;
        }
    }

    private int find(int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }
}
