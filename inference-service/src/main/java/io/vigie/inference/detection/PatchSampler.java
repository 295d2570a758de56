package io.vigie.inference.detection;

import io.vigie.inference.volume.CtVolume;

/**
 * Cuts a cube around a point, resampled to isotropic voxels (trilinear; the edge of the volume is repeated beyond
 * it), with densities clamped to the model's intensity window and scaled to [0, 1]. One spacing for every series, so
 * the model sees the same millimetres whatever the scanner's voxel size.
 */
public final class PatchSampler {

    private final int size;
    private final double spacingMm;
    private final float windowLowHu;
    private final float windowHighHu;

    public PatchSampler(int size, double spacingMm, double windowLowHu, double windowHighHu) {
        if (size < 1 || !(spacingMm > 0) || !(windowHighHu > windowLowHu)) {
            throw new IllegalArgumentException("patch size, spacing or window out of range");
        }
        this.size = size;
        this.spacingMm = spacingMm;
        this.windowLowHu = (float) windowLowHu;
        this.windowHighHu = (float) windowHighHu;
    }

    public int size() {
        return size;
    }

    /** Voxels of one patch: size cubed. */
    public int voxels() {
        return size * size * size;
    }

    /**
     * The patch around a voxel position (fractional), x-fastest, written into {@code target} at {@code offset}. The
     * patch grid is aligned with the volume's axes, so each axis's neighbours and weights are computed once per
     * patch rather than once per voxel.
     */
    public void sample(CtVolume volume, double[] voxelCentre, float[] target, int offset) {
        sample(volume, voxelCentre, target, offset, new Scratch());
    }

    /**
     * The same, with buffers reused from patch to patch (one {@link Scratch} per thread). Trilinear interpolation
     * taken apart, in the order the plain formula evaluates it, so the values are the same to the bit: first along x,
     * once for every (z, y) row that some patch voxel reads (not once for each of the four rows of each voxel); then
     * along y, once for every z plane read and patch row; then along z for each patch voxel.
     */
    public void sample(CtVolume volume, double[] voxelCentre, float[] target, int offset, Scratch scratch) {
        Axis ax = new Axis(voxelCentre[0], spacingMm / volume.spacing()[0], volume.width());
        Axis ay = new Axis(voxelCentre[1], spacingMm / volume.spacing()[1], volume.height());
        Axis az = new Axis(voxelCentre[2], spacingMm / volume.spacing()[2], volume.depth());
        float[] hu = volume.hu();
        int w = volume.width();
        int plane = w * volume.height();
        int zs = az.indices.length;
        int ys = ay.indices.length;
        double[] alongX = scratch.alongX(zs * ys * size);
        for (int a = 0; a < zs; a++) {
            for (int b = 0; b < ys; b++) {
                int row = az.indices[a] * plane + ay.indices[b] * w;
                int out = (a * ys + b) * size;
                for (int n = 0; n < size; n++) {
                    double fx = ax.fraction[n];
                    alongX[out + n] = hu[row + ax.lower[n]] * (1 - fx) + hu[row + ax.upper[n]] * fx;
                }
            }
        }
        double[] alongY = scratch.alongY(zs * size * size);
        for (int a = 0; a < zs; a++) {
            for (int j = 0; j < size; j++) {
                int lower = (a * ys + ay.lowerSlot[j]) * size;
                int upper = (a * ys + ay.upperSlot[j]) * size;
                int out = (a * size + j) * size;
                double fy = ay.fraction[j];
                for (int n = 0; n < size; n++) {
                    alongY[out + n] = alongX[lower + n] * (1 - fy) + alongX[upper + n] * fy;
                }
            }
        }
        float scale = 1f / (windowHighHu - windowLowHu);
        int i = offset;
        for (int k = 0; k < size; k++) {
            double fz = az.fraction[k];
            for (int j = 0; j < size; j++) {
                int lower = (az.lowerSlot[k] * size + j) * size;
                int upper = (az.upperSlot[k] * size + j) * size;
                for (int n = 0; n < size; n++) {
                    float value = (float) (alongY[lower + n] * (1 - fz) + alongY[upper + n] * fz);
                    float clamped = Math.max(windowLowHu, Math.min(windowHighHu, value));
                    target[i++] = (clamped - windowLowHu) * scale;
                }
            }
        }
    }

    /** One thread's interpolation buffers, grown as needed. */
    public static final class Scratch {
        private double[] alongX = new double[0];
        private double[] alongY = new double[0];

        double[] alongX(int length) {
            if (alongX.length < length) {
                alongX = new double[length];
            }
            return alongX;
        }

        double[] alongY(int length) {
            if (alongY.length < length) {
                alongY = new double[length];
            }
            return alongY;
        }
    }

    /**
     * Along one axis: for each patch index, the two voxel indices around it and the weight of the upper one; and the
     * distinct voxel indices read ({@code indices}, ascending), with each patch index's two as slots into them.
     */
    private final class Axis {
        final int[] lower = new int[size];
        final int[] upper = new int[size];
        final double[] fraction = new double[size];
        final int[] indices;
        final int[] lowerSlot = new int[size];
        final int[] upperSlot = new int[size];

        Axis(double centre, double step, int length) {
            double half = (size - 1) / 2.0;
            for (int n = 0; n < size; n++) {
                // Beyond the volume the edge voxel is repeated.
                double position = Math.max(0, Math.min(length - 1, centre + (n - half) * step));
                lower[n] = (int) position;
                upper[n] = Math.min(lower[n] + 1, length - 1);
                fraction[n] = position - lower[n];
            }
            int[] all = new int[2 * size];
            System.arraycopy(lower, 0, all, 0, size);
            System.arraycopy(upper, 0, all, size, size);
            indices = java.util.Arrays.stream(all).sorted().distinct().toArray();
            for (int n = 0; n < size; n++) {
                lowerSlot[n] = java.util.Arrays.binarySearch(indices, lower[n]);
                upperSlot[n] = java.util.Arrays.binarySearch(indices, upper[n]);
            }
        }
    }

    public float[] sample(CtVolume volume, double[] voxelCentre) {
        float[] patch = new float[voxels()];
        sample(volume, voxelCentre, patch, 0);
        return patch;
    }
}
