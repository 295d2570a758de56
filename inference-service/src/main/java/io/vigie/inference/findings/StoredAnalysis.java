package io.vigie.inference.findings;

import java.time.Instant;
import java.util.Map;

/** An {@code analysis} row as read back, with the UIDs of its series and study. */
public record StoredAnalysis(
        long id,
        String studyInstanceUid,
        String seriesInstanceUid,
        int seriesRevision,
        ModelVersion model,
        AnalysisStatus status,
        String reason,
        String srSopInstanceUid,
        String segSopInstanceUid,
        Map<String, Long> timingsMs,
        int findingCount,
        Instant createdAt) {
}
