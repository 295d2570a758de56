package io.vigie.inference.findings;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one job found for one series at one revision, as the worker records it in one transaction: the analysis row
 * and its findings. A not-analysable series has a reason and no findings, SR or SEG.
 *
 * @param timingsMs milliseconds per stage (load, preprocess, model, post), kept as {@code analysis.timings_ms}
 */
public record AnalysisResult(
        String seriesInstanceUid,
        int seriesRevision,
        ModelVersion model,
        AnalysisStatus status,
        String reason,
        String srSopInstanceUid,
        String segSopInstanceUid,
        Map<String, Long> timingsMs,
        List<TrackedFinding> findings) {

    public AnalysisResult {
        Objects.requireNonNull(seriesInstanceUid, "seriesInstanceUid");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(status, "status");
        timingsMs = timingsMs == null ? Map.of() : Map.copyOf(timingsMs);
        findings = findings == null ? List.of() : List.copyOf(findings);
        if ((status == AnalysisStatus.NOT_ANALYSABLE) != (reason != null)) {
            throw new IllegalArgumentException("a reason exactly when not analysable");
        }
        if (status == AnalysisStatus.NOT_ANALYSABLE && !findings.isEmpty()) {
            throw new IllegalArgumentException("a series that was not analysed has no findings");
        }
    }

    public static AnalysisResult notAnalysable(String seriesInstanceUid, int seriesRevision, ModelVersion model,
            String reason, Map<String, Long> timingsMs) {
        return new AnalysisResult(seriesInstanceUid, seriesRevision, model, AnalysisStatus.NOT_ANALYSABLE, reason,
                null, null, timingsMs, List.of());
    }
}
