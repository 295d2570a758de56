package io.vigie.archive;

/** The archive could not store or read an instance. {@link #reason()} says which part failed, for the right status. */
public class ArchiveException extends RuntimeException {

    /** Which part of the archive failed. */
    public enum Reason {
        /** The file store could not write (disk full, permissions, I/O error). */
        STORAGE,
        /** The index database could not be reached or refused the write. */
        INDEX
    }

    private final Reason reason;

    public ArchiveException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
