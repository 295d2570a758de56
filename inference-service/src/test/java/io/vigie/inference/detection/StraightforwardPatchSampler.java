package io.vigie.inference.detection;

import io.vigie.inference.volume.CtVolume;

/**
 * The patch sampler as it was before the separable rewrite (trilinear interpolation voxel by voxel, eight reads
 * each), kept as the reference that {@link FastMorphologyEquivalenceTest} compares {@link PatchSampler} with.
 */
final class StraightforwardPatchSampler {

    private final int size;
    private final double spacingMm;
    private final float windowLowHu;
    private final float windowHighHu;

    StraightforwardPatchSampler(int size, double spacingMm, double windowLowHu, double windowHighHu) {
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
        Axis ax = new Axis(voxelCentre[0], spacingMm / volume.spacing()[0], volume.width());
        Axis ay = new Axis(voxelCentre[1], spacingMm / volume.spacing()[1], volume.height());
        Axis az = new Axis(voxelCentre[2], spacingMm / volume.spacing()[2], volume.depth());
        float[] hu = volume.hu();
        int w = volume.width();
        int plane = w * volume.height();
        float scale = 1f / (windowHighHu - windowLowHu);
        int i = offset;
        for (int k = 0; k < size; k++) {
            int z0 = az.lower[k] * plane;
            int z1 = az.upper[k] * plane;
            double fz = az.fraction[k];
            for (int j = 0; j < size; j++) {
                int y0 = ay.lower[j] * w;
                int y1 = ay.upper[j] * w;
                double fy = ay.fraction[j];
                for (int n = 0; n < size; n++) {
                    int x0 = ax.lower[n];
                    int x1 = ax.upper[n];
                    double fx = ax.fraction[n];
                    double c00 = hu[z0 + y0 + x0] * (1 - fx) + hu[z0 + y0 + x1] * fx;
                    double c10 = hu[z0 + y1 + x0] * (1 - fx) + hu[z0 + y1 + x1] * fx;
                    double c01 = hu[z1 + y0 + x0] * (1 - fx) + hu[z1 + y0 + x1] * fx;
                    double c11 = hu[z1 + y1 + x0] * (1 - fx) + hu[z1 + y1 + x1] * fx;
                    double c0 = c00 * (1 - fy) + c10 * fy;
                    double c1 = c01 * (1 - fy) + c11 * fy;
                    float value = (float) (c0 * (1 - fz) + c1 * fz);
                    float clamped = Math.max(windowLowHu, Math.min(windowHighHu, value));
                    target[i++] = (clamped - windowLowHu) * scale;
                }
            }
        }
    }

    /** Along one axis: for each patch index, the two voxel indices around it and the weight of the upper one. */
    private final class Axis {
        final int[] lower = new int[size];
        final int[] upper = new int[size];
        final double[] fraction = new double[size];

        Axis(double centre, double step, int length) {
            double half = (size - 1) / 2.0;
            for (int n = 0; n < size; n++) {
                // Beyond the volume the edge voxel is repeated.
                double position = Math.max(0, Math.min(length - 1, centre + (n - half) * step));
                lower[n] = (int) position;
                upper[n] = Math.min(lower[n] + 1, length - 1);
                fraction[n] = position - lower[n];
            }
        }
    }

    public float[] sample(CtVolume volume, double[] voxelCentre) {
        float[] patch = new float[voxels()];
        sample(volume, voxelCentre, patch, 0);
        return patch;
    }
}
