package io.vigie.inference.volume;

import java.util.List;

/**
 * A CT series as one volume in Hounsfield units, with the geometry that maps voxel indices to patient coordinates
 * (millimetres, DICOM patient coordinate system), so that every finding can be reported in patient space.
 *
 * <p>Voxel (x, y, z): x along the row direction (column index), y along the column direction (row index), z along
 * the slice normal in increasing position. Values are stored x-fastest: {@code hu[(z * height + y) * width + x]}.
 *
 * @param spacing   millimetres between voxel centres along x, y, z
 * @param origin    the patient position of voxel (0, 0, 0): ImagePositionPatient of the first slice
 * @param rowDirection    unit vector of increasing x (first triplet of ImageOrientationPatient)
 * @param columnDirection unit vector of increasing y (second triplet)
 * @param normal    unit vector of increasing z (row x column)
 * @param sopInstanceUids the SOP Instance UID of each slice, by z
 */
public record CtVolume(
        int width,
        int height,
        int depth,
        float[] hu,
        double[] spacing,
        double[] origin,
        double[] rowDirection,
        double[] columnDirection,
        double[] normal,
        List<String> sopInstanceUids) {

    public float hu(int x, int y, int z) {
        return hu[(z * height + y) * width + x];
    }

    /** The patient coordinates (mm) of a voxel position, fractional indices allowed. */
    public double[] toPatient(double x, double y, double z) {
        double[] point = new double[3];
        for (int axis = 0; axis < 3; axis++) {
            point[axis] = origin[axis] + x * spacing[0] * rowDirection[axis]
                    + y * spacing[1] * columnDirection[axis] + z * spacing[2] * normal[axis];
        }
        return point;
    }

    /** The voxel position (fractional) of a patient point: the inverse of {@link #toPatient}. */
    public double[] toVoxel(double[] patient) {
        double[] offset = {patient[0] - origin[0], patient[1] - origin[1], patient[2] - origin[2]};
        // The three directions are orthonormal, so projecting on each gives the distance along it.
        return new double[] {
                dot(offset, rowDirection) / spacing[0],
                dot(offset, columnDirection) / spacing[1],
                dot(offset, normal) / spacing[2]};
    }

    static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }
}
