package io.vigie.inference.worker;

/**
 * One lesion as a detector reports it.
 *
 * @param centre      patient coordinates (mm, DICOM patient coordinate system)
 * @param diameterMm  its diameter (of the sphere of the same volume)
 * @param volumeMm3   its volume
 * @param probability the model's probability that it is a lesion, in [0, 1]
 * @param voxels      its region as ascending indices into the volume's voxels (what a SEG can carry); empty when
 *                    the detector gives none
 */
public record DetectedLesion(double[] centre, double diameterMm, double volumeMm3, double probability,
                             int[] voxels) {

    private static final int[] NONE = new int[0];

    public DetectedLesion {
        if (centre == null || centre.length != 3) {
            throw new IllegalArgumentException("a lesion's centre has three coordinates");
        }
        centre = centre.clone();
        voxels = voxels == null ? NONE : voxels;
    }

    /** A lesion without its voxel region. */
    public DetectedLesion(double[] centre, double diameterMm, double volumeMm3, double probability) {
        this(centre, diameterMm, volumeMm3, probability, NONE);
    }
}
