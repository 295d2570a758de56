package io.vigie.ingest;

import io.vigie.archive.InstanceAttributes;

/**
 * What the pipeline did with one received instance: the status the sender is told (a C-STORE response status, or a
 * STOW-RS FailureReason), the UIDs a STOW-RS response lists, and the outcome and reason that monitoring counts.
 *
 * @param outcome        what became of the instance
 * @param status         the DICOM status; Success for {@link Outcome#STORED} and {@link Outcome#DUPLICATE} only
 * @param reason         why it was quarantined or failed; null when it is in the archive
 * @param sopClassUid    the SOP Class UID as announced by the sender ("" when not even that could be read)
 * @param sopInstanceUid the SOP Instance UID as announced, the one the sender knows ("" when unreadable)
 * @param stored         the instance as the archive indexes it, de-identified (remapped UIDs); null unless in the
 *                       archive
 */
public record StoreResult(
        Outcome outcome,
        DimseStatus status,
        Reason reason,
        String sopClassUid,
        String sopInstanceUid,
        InstanceAttributes stored) {

    public enum Outcome {
        /** New in the archive. */
        STORED,
        /**
         * Already in the archive (a re-send, or other content under a stored SOP Instance UID with the duplicate
         * policy {@code keep-first}): nothing changed, and the sender is told Success.
         */
        DUPLICATE,
        /** Kept aside in the quarantine for an administrator; not archived. */
        QUARANTINED,
        /** Refused or not stored; nothing was kept. */
        FAILED
    }

    /** Why an instance is not in the archive: a short, fixed list, so that it can tag a metric. */
    public enum Reason {
        /** A STOW-RS part that is not a Part 10 file (no "DICM", meta information unreadable). */
        NOT_PART10,
        /** The data set cannot be parsed (truncated, element past its end, bad VR). Quarantined. */
        UNPARSEABLE,
        /** The data set is not the SOP Instance or Class that was announced. */
        NOT_AS_ANNOUNCED,
        /** The data set belongs to another study than the one the STOW-RS request named. */
        WRONG_STUDY,
        /** It needs a human, e.g. burned-in text with no clean-pixel rule. Quarantined. */
        NEEDS_REVIEW,
        /** De-identification failed. Quarantined. */
        NOT_DEIDENTIFIABLE,
        /** It lacks what the archive indexes (a valid Study, Series or SOP Instance UID...). Quarantined. */
        NOT_ARCHIVABLE,
        /** It had to be quarantined, but the quarantine could not write. */
        QUARANTINE_UNAVAILABLE,
        /**
         * An instance with this SOP Instance UID and other content is archived, and the duplicate policy is
         * {@code reject} (C001). The stored one stays; the conflict is recorded for administrators.
         */
        DUPLICATE_REJECTED,
        /** The re-identification vault could not record the originals. */
        VAULT_UNAVAILABLE,
        /** The archive's file store could not write. */
        STORAGE_UNAVAILABLE,
        /** The archive's index could not be read or written. */
        INDEX_UNAVAILABLE,
        /** A bug or an error nobody foresaw. */
        UNEXPECTED
    }

    static StoreResult archived(ReceivedInstance received, InstanceAttributes stored, boolean duplicate) {
        return new StoreResult(duplicate ? Outcome.DUPLICATE : Outcome.STORED, DimseStatus.SUCCESS, null,
                received.sopClassUid(), received.sopInstanceUid(), stored);
    }

    static StoreResult quarantined(ReceivedInstance received, Reason reason, DimseStatus status) {
        return new StoreResult(Outcome.QUARANTINED, status, reason, received.sopClassUid(),
                received.sopInstanceUid(), null);
    }

    static StoreResult failed(ReceivedInstance received, Reason reason, DimseStatus status) {
        return failed(received.sopClassUid(), received.sopInstanceUid(), reason, status);
    }

    static StoreResult failed(String sopClassUid, String sopInstanceUid, Reason reason, DimseStatus status) {
        return new StoreResult(Outcome.FAILED, status, reason, sopClassUid, sopInstanceUid, null);
    }

    /** True when the instance is in the archive (new or re-sent). */
    public boolean inArchive() {
        return stored != null;
    }
}
