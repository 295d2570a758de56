package io.vigie.inference.worker;

/**
 * One lesion as a detector reports it.
 *
 * @param centre      patient coordinates (mm, DICOM patient coordinate system)
 * @param diameterMm  its diameter (of the sphere of the same volume)
 * @param volumeMm3   its volume
 * @param probability the model's probability that it is a lesion, in [0, 1]
 */
public record DetectedLesion(double[] centre, double diameterMm, double volumeMm3, double probability) {

    public DetectedLesion {
        if (centre == null || centre.length != 3) {
            throw new IllegalArgumentException("a lesion's centre has three coordinates");
        }
        centre = centre.clone();
    }
}
