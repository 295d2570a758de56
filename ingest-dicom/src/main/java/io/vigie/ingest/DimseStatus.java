package io.vigie.ingest;

/**
 * The status a DIMSE response carries (PS3.7 Annex C), with the ErrorComment sent beside failures. Every received
 * instance gets one: never silence, never Success for something that is not durable. STOW-RS reports the same codes
 * as the FailureReason of a failed instance (PS3.18 10.5.3); the comment then goes to the log only.
 */
public record DimseStatus(int code, String comment) {

    public static final DimseStatus SUCCESS = new DimseStatus(0x0000, null);

    /** Refused: out of resources (the file store cannot write). */
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
