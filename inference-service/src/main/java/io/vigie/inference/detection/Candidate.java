package io.vigie.inference.detection;

/**
 * A candidate lesion: a compact dense region inside the lung.
 *
 * @param centre      centroid in patient coordinates (mm)
 * @param voxelCentre centroid in voxel indices (x, y, z)
 * @param diameterMm  the diameter of the sphere of the same volume
 * @param volumeMm3   the region's volume
 * @param meanHu      the region's mean density
 */
public record Candidate(double[] centre, double[] voxelCentre, double diameterMm, double volumeMm3, double meanHu) {
}
