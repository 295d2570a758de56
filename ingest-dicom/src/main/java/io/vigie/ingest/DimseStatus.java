package io.vigie.ingest;

/**
 * The status a DIMSE response carries (PS3.7 Annex C), with the ErrorComment sent beside failures. Every received
 * instance gets one: never silence, never Success for something that is not durable. Every query and retrieve ends
 * with one final status. STOW-RS reports the same codes as the FailureReason of a failed instance (PS3.18 10.5.3);
 * the comment then goes to the log only.
 */
public record DimseStatus(int code, String comment) {

    public static final DimseStatus SUCCESS = new DimseStatus(0x0000, null);

    /** A match (C-FIND) or a sub-operation (C-MOVE, C-GET) reported; more follow. */
    public static final DimseStatus PENDING = new DimseStatus(0xFF00, null);

    /** The operation stopped at the requester's C-CANCEL. */
    public static final DimseStatus CANCELLED = new DimseStatus(0xFE00, null);

    /** Refused: the SOP class of the request is not one we offer for its command. */
    public static DimseStatus sopClassNotSupported(String comment) {
        return new DimseStatus(0x0122, comment);
    }

    /** Failed: the Identifier does not match the SOP class (no or unknown QueryRetrieveLevel, no unique key). */
    public static DimseStatus identifierDoesNotMatchSopClass(String comment) {
        return new DimseStatus(0xA900, comment);
    }

    /** Failed: unable to process (a query value that cannot be matched as its VR says, an unparseable identifier). */
    public static DimseStatus unableToProcess(String comment) {
        return new DimseStatus(0xC000, comment);
    }

    /** Failed: unable to process, because the archive index is unavailable. */
    public static DimseStatus indexUnavailable() {
        return new DimseStatus(0xC001, "archive index unavailable");
    }

    /** Refused: the C-MOVE destination is not one the site configured. */
    public static DimseStatus moveDestinationUnknown(String comment) {
        return new DimseStatus(0xA801, comment);
    }

    /** Refused: out of resources, unable to calculate the number of matches (a C-GET or C-MOVE not started). */
    public static DimseStatus unableToCalculateMatches(String comment) {
        return new DimseStatus(0xA701, comment);
    }

    /** Refused: out of resources, unable to perform sub-operations (every sub-operation failed). */
    public static DimseStatus unableToPerformSubOperations(String comment) {
        return new DimseStatus(0xA702, comment);
    }

    /** Warning: sub-operations complete, one or more failures or warnings. */
    public static DimseStatus subOperationsCompleteWithFailures(String comment) {
        return new DimseStatus(0xB000, comment);
    }

    /**
     * Refused: out of resources (the file store cannot write, a data set larger than accepted; for a C-FIND, an
     * identifier larger than accepted).
     */
    public static DimseStatus outOfResources(String comment) {
        return new DimseStatus(0xA700, comment);
    }

    /** Error: data set does not match SOP Class; STOW-RS also uses it for an instance of another study than asked. */
    public static DimseStatus doesNotMatch(String comment) {
        return new DimseStatus(0xA900, comment);
    }

    /** Error: cannot understand (the data set cannot be parsed or de-identified). */
    public static DimseStatus cannotUnderstand(String comment) {
        return new DimseStatus(0xC000, comment);
    }

    /**
     * Error: cannot understand, C001: an instance with this SOP Instance UID and other content is archived, and the
     * duplicate policy is {@code reject}. PS3.4 B.2.3 leaves the meaning of Cxxx codes to the conformance statement;
     * A9xx would claim the data set does not match its SOP class, and A7xx (out of resources) invites a retry that
     * can only fail again.
     */
    public static DimseStatus duplicateRejected(String comment) {
        return new DimseStatus(0xC001, comment);
    }

    /** Processing failure (the index database is unavailable, or an unexpected error). */
    public static DimseStatus processingFailure(String comment) {
        return new DimseStatus(0x0110, comment);
    }

    public boolean isSuccess() {
        return code == 0x0000;
    }

    public boolean isPending() {
        return code == 0xFF00 || code == 0xFF01;
    }

    @Override
    public String toString() {
        return String.format("%04X%s", code, comment == null ? "" : " (" + comment + ")");
    }
}
