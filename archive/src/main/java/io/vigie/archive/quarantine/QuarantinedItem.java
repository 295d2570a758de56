package io.vigie.archive.quarantine;

import java.time.Instant;

/**
 * One instance set aside by the gateway, as its quarantine row describes it. The content (what was received, still
 * identified) is read separately with {@link Quarantine#content}.
 *
 * @param callingAeTitle    the sender's AE title
 * @param reason            why it was set aside (names no patient data)
 * @param sopClassUid       the SOP class the sender announced (may be null)
 * @param transferSyntaxUid the transfer syntax it was received in (may be null)
 */
public record QuarantinedItem(
        long id,
        Instant receivedAt,
        String callingAeTitle,
        String reason,
        String sopClassUid,
        String transferSyntaxUid,
        String storageKey,
        long sizeBytes,
        String sha256) {
}
