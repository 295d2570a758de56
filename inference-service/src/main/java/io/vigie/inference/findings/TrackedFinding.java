package io.vigie.inference.findings;

/**
 * One finding as the worker records it and the SR reports it: where (patient coordinates, mm), how large, how
 * probable, under the TID 1500 Tracking Unique Identifier and Tracking Identifier of its measurement group.
 */
public record TrackedFinding(
        String trackingUid,
        String trackingId,
        double centreXMm,
        double centreYMm,
        double centreZMm,
        double diameterMm,
        double volumeMm3,
        double probability) {

    public TrackedFinding {
        if (!(diameterMm > 0) || !(volumeMm3 > 0)) {
            throw new IllegalArgumentException("a finding has a positive size: " + diameterMm + " mm, "
                    + volumeMm3 + " mm3");
        }
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("a probability lies in [0, 1]: " + probability);
        }
        if (!Double.isFinite(centreXMm) || !Double.isFinite(centreYMm) || !Double.isFinite(centreZMm)) {
            throw new IllegalArgumentException("a finding's centre is finite");
        }
    }
}
