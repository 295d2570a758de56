package io.vigie.inference.output;

import io.vigie.inference.detection.Candidate;
import io.vigie.inference.volume.CtVolume;
import java.util.BitSet;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The voxels of one finding for its segment: the region the candidate was grown from when it carries it
 * ({@link Candidate#voxels()}, the detector's own segmentation, whose voxel count makes the reported volume), else the
 * sphere of its equivalent diameter around its centre (patient mm): every voxel whose centre lies within diameter / 2,
 * and at least the voxel nearest the centre, however small the finding.
 *
 * @param slices   the in-plane mask (x fastest, {@code y * width + x}) of each slice z the segment touches
 * @param firstRow the lowest row (y) of any slice's mask, {@code lastRow} the highest: with the slices' range of z, a
 *                 box that two segments must share to overlap
 */
record SegmentMask(SortedMap<Integer, BitSet> slices, int voxelCount, int firstRow, int lastRow) {

    private static SegmentMask withRows(SortedMap<Integer, BitSet> slices, int voxelCount, int width) {
        int firstRow = Integer.MAX_VALUE;
        int lastRow = -1;
        for (BitSet slice : slices.values()) {
            firstRow = Math.min(firstRow, slice.nextSetBit(0) / width);
            lastRow = Math.max(lastRow, (slice.length() - 1) / width);
        }
        return new SegmentMask(slices, voxelCount, firstRow, lastRow);
    }

    static SegmentMask of(CtVolume volume, Candidate candidate) {
        double[] centre = volume.toVoxel(candidate.centre());
        if (centre[0] < -0.5 || centre[1] < -0.5 || centre[2] < -0.5 || centre[0] > volume.width() - 0.5
                || centre[1] > volume.height() - 0.5 || centre[2] > volume.depth() - 0.5) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "finding centre (%.1f, %.1f, %.1f) mm lies outside the series", candidate.centre()[0],
                    candidate.centre()[1], candidate.centre()[2]));
        }
        if (!(candidate.diameterMm() >= 0)) {
            throw new IllegalArgumentException("finding diameter must be a non-negative number: "
                    + candidate.diameterMm());
        }
        return candidate.voxels().length > 0 ? region(volume, candidate.voxels()) : sphere(volume, candidate, centre);
    }

    private static SegmentMask region(CtVolume volume, int[] voxels) {
        int sliceSize = volume.width() * volume.height();
        long total = (long) sliceSize * volume.depth();
        for (int voxel : voxels) {
            if (voxel < 0 || voxel >= total) {
                throw new IllegalArgumentException("finding voxel " + voxel + " lies outside the series");
            }
        }
        // A region's voxels come slice after slice and row run after row run (the detector lists them in raster
        // order): each slice's mask is sized once and each run set at once. Any other order gives the same mask.
        // Grown run by run instead, the SR and SEG of the benchmark's findings took medians of 37.5 to 43.8 ms to
        // write, against 36.5 to 38.6.
        SortedMap<Integer, BitSet> slices = new TreeMap<>();
        int i = 0;
        while (i < voxels.length) {
            int z = voxels[i] / sliceSize;
            int end = i;
            int last = 0;
            while (end < voxels.length && voxels[end] / sliceSize == z) {
                last = Math.max(last, voxels[end] - z * sliceSize);
                end++;
            }
            BitSet slice = slices.get(z);
            if (slice == null) {
                slice = new BitSet(last + 1);
                slices.put(z, slice);
            }
            for (int run = i; run < end; ) {
                int from = voxels[run] - z * sliceSize;
                int to = from + 1;
                for (run++; run < end && voxels[run] - z * sliceSize == to; run++) {
                    to++;
                }
                slice.set(from, to);
            }
            i = end;
        }
        int count = slices.values().stream().mapToInt(BitSet::cardinality).sum();
        return withRows(slices, count, volume.width());
    }

    private static SegmentMask sphere(CtVolume volume, Candidate candidate, double[] centre) {
        double radius = candidate.diameterMm() / 2;
        double[] spacing = volume.spacing();
        int[] low = new int[3];
        int[] high = new int[3];
        int[] size = {volume.width(), volume.height(), volume.depth()};
        for (int axis = 0; axis < 3; axis++) {
            double reach = radius / spacing[axis];
            low[axis] = Math.max(0, (int) Math.floor(centre[axis] - reach));
            high[axis] = Math.min(size[axis] - 1, (int) Math.ceil(centre[axis] + reach));
        }
        SortedMap<Integer, BitSet> slices = new TreeMap<>();
        int count = 0;
        for (int z = low[2]; z <= high[2]; z++) {
            BitSet slice = new BitSet();
            for (int y = low[1]; y <= high[1]; y++) {
                for (int x = low[0]; x <= high[0]; x++) {
                    double dx = (x - centre[0]) * spacing[0];
                    double dy = (y - centre[1]) * spacing[1];
                    double dz = (z - centre[2]) * spacing[2];
                    if (dx * dx + dy * dy + dz * dz <= radius * radius) {
                        slice.set(y * volume.width() + x);
                    }
                }
            }
            if (!slice.isEmpty()) {
                slices.put(z, slice);
                count += slice.cardinality();
            }
        }
        if (count == 0) {
            int x = (int) Math.round(centre[0]);
            int y = (int) Math.round(centre[1]);
            BitSet single = new BitSet();
            single.set(Math.min(volume.height() - 1, Math.max(0, y)) * volume.width()
                    + Math.min(volume.width() - 1, Math.max(0, x)));
            slices.put((int) Math.min(volume.depth() - 1, Math.max(0, Math.round(centre[2]))), single);
            count = 1;
        }
        return withRows(slices, count, volume.width());
    }

    boolean overlaps(SegmentMask other) {
        // Most pairs of findings share no slice, or no row: their ranges of z and y tell at once, where comparing the
        // masks of a slice reads every word up to the lower one's last pixel.
        if (slices.lastKey() < other.slices.firstKey() || other.slices.lastKey() < slices.firstKey()
                || lastRow < other.firstRow || other.lastRow < firstRow) {
            return false;
        }
        for (var entry : slices.entrySet()) {
            BitSet theirs = other.slices.get(entry.getKey());
            if (theirs != null && theirs.intersects(entry.getValue())) {
                return true;
            }
        }
        return false;
    }
}
