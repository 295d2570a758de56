package io.vigie.findings;

import io.vigie.archive.jobs.Job;
import io.vigie.inference.findings.StoredAnalysis;
import io.vigie.inference.findings.StoredFinding;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The JSON of the findings endpoints. Times are ISO-8601 UTC; coordinates in the DICOM patient system, mm. */
final class FindingsViews {

    private FindingsViews() {
    }

    record StudyFindings(String studyInstanceUid, List<Analysis> analyses, List<Finding> findings, int total,
                         int limit, int offset) {
    }

    record SeriesAnalyses(String seriesInstanceUid, List<AnalysisWithFindings> analyses, List<JobState> jobs) {
    }

    record AnalysisWithFindings(Analysis analysis, List<Finding> findings) {
    }

    /** @param status {@code analysed} or {@code not_analysable} (then {@code reason} says why) */
    record Analysis(String seriesInstanceUid, int seriesRevision, String model, String modelName,
                    String modelVersion, String status, String reason, String srSopInstanceUid,
                    String segSopInstanceUid, int findingCount, Map<String, Long> timingsMs, String analysedAt) {

        static Analysis of(StoredAnalysis a) {
            return new Analysis(a.seriesInstanceUid(), a.seriesRevision(), a.model().toString(), a.model().name(),
                    a.model().version(), a.status().sqlName(), a.reason(), a.srSopInstanceUid(),
                    a.segSopInstanceUid(), a.findingCount(), a.timingsMs(), a.createdAt().toString());
        }
    }

    /** @param reviewStatus {@code pending}, {@code confirmed} or {@code rejected} */
    record Finding(String trackingUid, String trackingId, String seriesInstanceUid, String model,
                   double[] centreMm, double diameterMm, double volumeMm3, double probability, String reviewStatus,
                   String reviewedBy, String reviewedAt, String srSopInstanceUid, String segSopInstanceUid) {

        static Finding of(StoredFinding f) {
            var t = f.finding();
            return new Finding(t.trackingUid(), t.trackingId(), f.seriesInstanceUid(), f.model().toString(),
                    new double[] {t.centreXMm(), t.centreYMm(), t.centreZMm()}, t.diameterMm(), t.volumeMm3(),
                    t.probability(), f.reviewStatus(), f.reviewedBy(),
                    f.reviewedAt() == null ? null : f.reviewedAt().toString(), f.srSopInstanceUid(),
                    f.segSopInstanceUid());
        }
    }

    /** A detection job of the series: whether it waits, runs, failed (and why) or is dead. */
    record JobState(long id, String kind, int seriesRevision, String state, int attempts, int maxAttempts,
                    String notBefore, String lastError) {

        static JobState of(Job job) {
            return new JobState(job.id(), job.kind(), job.seriesRevision(), job.state().name().toLowerCase(
                    Locale.ROOT), job.attempts(), job.maxAttempts(), job.notBefore().toString(),
                    job.lastError());
        }
    }
}
