package io.vigie.inference.findings;

import java.time.Instant;

/**
 * A {@code finding} row as read back, with what a radiologist needs beside it: the series, the model that found it,
 * and the SR and SEG that report it.
 *
 * @param reviewStatus {@code pending}, {@code confirmed} or {@code rejected}
 */
public record StoredFinding(
        String seriesInstanceUid,
        ModelVersion model,
        String srSopInstanceUid,
        String segSopInstanceUid,
        TrackedFinding finding,
        String reviewStatus,
        String reviewedBy,
        Instant reviewedAt) {
}
