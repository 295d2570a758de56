package io.vigie.inference.detection;

/**
 * A candidate lesion: a compact dense region inside the lung.
 *
 * @param centre      centroid in patient coordinates (mm)
 * @param voxelCentre centroid in voxel indices (x, y, z)
 * @param diameterMm  the diameter of the sphere of the same volume
 * @param volumeMm3   the region's volume (its voxel count times the voxel volume)
 * @param meanHu      the region's mean density
 * @param voxels      the region's voxels as indices into {@link io.vigie.inference.volume.CtVolume#hu()}
 *                    ({@code (z * height + y) * width + x}), ascending: the segmentation a DICOM SEG can carry.
 *                    Shared, not copied: do not modify. Empty when the candidate was made without its region.
 */
public record Candidate(double[] centre, double[] voxelCentre, double diameterMm, double volumeMm3, double meanHu,
                        int[] voxels) {

    private static final int[] NO_VOXELS = new int[0];

    /** A candidate without its voxel region (tests, reference positions). */
    public Candidate(double[] centre, double[] voxelCentre, double diameterMm, double volumeMm3, double meanHu) {
        this(centre, voxelCentre, diameterMm, volumeMm3, meanHu, NO_VOXELS);
    }

    /** The distance in mm between this candidate's centre and a patient point. */
    public double distanceMm(double[] patient) {
        double dx = centre[0] - patient[0];
        double dy = centre[1] - patient[1];
        double dz = centre[2] - patient[2];
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }
}
