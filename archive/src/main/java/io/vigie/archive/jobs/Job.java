package io.vigie.archive.jobs;

import java.time.Instant;

/**
 * One unit of work on one series, as its {@code job} row says. A job is about the series as it was at
 * {@code seriesRevision} (the number of instances it held when it was announced complete); a series that grows
 * later gets a new job, at its new revision.
 *
 * @param attempts  how often it was claimed, this claim included
 * @param notBefore when it may be claimed (the back-off after a failure)
 * @param lockedBy  the worker that holds it while {@link JobState#RUNNING}, else null
 * @param lockedAt  when that worker claimed it or last extended its lease
 * @param lastError the reason given by the latest failure (or lease expiry), else null
 */
public record Job(
        long id,
        String kind,
        String studyInstanceUid,
        String seriesInstanceUid,
        int seriesRevision,
        JobState state,
        int attempts,
        int maxAttempts,
        Instant notBefore,
        String lockedBy,
        Instant lockedAt,
        String lastError,
        Instant createdAt,
        Instant updatedAt) {

    /** Tumour detection on a complete CT series, for the inference service. */
    public static final String DETECT = "detect";
}
