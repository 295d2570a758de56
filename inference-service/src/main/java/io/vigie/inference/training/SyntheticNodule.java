package io.vigie.inference.training;

/**
 * A nodule inserted into a volume: where (voxel indices and patient mm) and what (type, diameter in mm).
 */
public record SyntheticNodule(NoduleType type, double[] voxelCentre, double[] centre, double diameterMm) {
}
