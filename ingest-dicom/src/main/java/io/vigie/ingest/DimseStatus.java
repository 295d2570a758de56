package io.vigie.ingest;

/**
 * The status a DIMSE response carries (PS3.7 Annex C), with the ErrorComment sent beside failures. Every received
 * instance gets one: never silence, never Success for something that is not durable.
 */
public record DimseStatus(int code, String comment) {

    public static final DimseStatus SUCCESS = new DimseStatus(0x0000, null);

    /** Refused: out of resources (the file store cannot write). */
    public static DimseStatus outOfResources(String comment) {
        return new DimseStatus(0xA700, comment);
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

    @Override
    public String toString() {
        return String.format("%04X%s", code, comment == null ? "" : " (" + comment + ")");
    }
}
