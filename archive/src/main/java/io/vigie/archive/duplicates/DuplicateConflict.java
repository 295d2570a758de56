package io.vigie.archive.duplicates;

import java.time.Instant;

/**
 * A content received under an archived SOP Instance UID that differed from the stored content: one row per distinct
 * received content, however often it came.
 *
 * @param storedSha256   the content the archive holds (and keeps)
 * @param receivedSha256 the content that was received and not stored
 * @param callingAeTitle the sender of the latest occurrence
 * @param action         {@code kept_first} or {@code rejected}: what the policy did the latest time
 * @param occurrences    how often this content was received
 */
public record DuplicateConflict(
        long id,
        String sopInstanceUid,
        String studyInstanceUid,
        String seriesInstanceUid,
        String storedSha256,
        String receivedSha256,
        long receivedSizeBytes,
        String callingAeTitle,
        String action,
        int occurrences,
        Instant firstSeenAt,
        Instant lastSeenAt) {
}
