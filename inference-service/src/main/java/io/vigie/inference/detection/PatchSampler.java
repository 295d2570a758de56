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

    /** The patch around a voxel position (fractional), x-fastest, written into {@code target} at {@code offset}. */
    public void sample(CtVolume volume, double[] voxelCentre, float[] target, int offset) {
        double half = (size - 1) / 2.0;
        double[] step = {spacingMm / volume.spacing()[0], spacingMm / volume.spacing()[1],
                spacingMm / volume.spacing()[2]};
        float scale = 1f / (windowHighHu - windowLowHu);
        int i = offset;
        for (int k = 0; k < size; k++) {
            double z = voxelCentre[2] + (k - half) * step[2];
            for (int j = 0; j < size; j++) {
                double y = voxelCentre[1] + (j - half) * step[1];
                for (int n = 0; n < size; n++) {
                    double x = voxelCentre[0] + (n - half) * step[0];
                    float hu = trilinear(volume, x, y, z);
                    float clamped = Math.max(windowLowHu, Math.min(windowHighHu, hu));
                    target[i++] = (clamped - windowLowHu) * scale;
                }
            }
        }
    }

    public float[] sample(CtVolume volume, double[] voxelCentre) {
        float[] patch = new float[voxels()];
        sample(volume, voxelCentre, patch, 0);
        return patch;
    }

    private static float trilinear(CtVolume v, double x, double y, double z) {
        x = clamp(x, v.width() - 1);
        y = clamp(y, v.height() - 1);
        z = clamp(z, v.depth() - 1);
        int x0 = (int) x;
        int y0 = (int) y;
        int z0 = (int) z;
        int x1 = Math.min(x0 + 1, v.width() - 1);
        int y1 = Math.min(y0 + 1, v.height() - 1);
        int z1 = Math.min(z0 + 1, v.depth() - 1);
        double fx = x - x0;
        double fy = y - y0;
        double fz = z - z0;
        double c00 = v.hu(x0, y0, z0) * (1 - fx) + v.hu(x1, y0, z0) * fx;
        double c10 = v.hu(x0, y1, z0) * (1 - fx) + v.hu(x1, y1, z0) * fx;
        double c01 = v.hu(x0, y0, z1) * (1 - fx) + v.hu(x1, y0, z1) * fx;
        double c11 = v.hu(x0, y1, z1) * (1 - fx) + v.hu(x1, y1, z1) * fx;
        double c0 = c00 * (1 - fy) + c10 * fy;
        double c1 = c01 * (1 - fy) + c11 * fy;
        return (float) (c0 * (1 - fz) + c1 * fz);
    }

    private static double clamp(double value, int max) {
        return Math.max(0, Math.min(max, value));
    }
}
