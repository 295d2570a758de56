package io.vigie.archive.audit;

import java.util.Arrays;

/** EventOutcomeIndicator of a DICOM audit message (PS3.15 A.5.1): its code is what the table stores. */
public enum AuditOutcome {

    SUCCESS(0),
    /** The request was refused or could not be answered as asked (4xx). */
    MINOR_FAILURE(4),
    /** Vigie failed the request (5xx). */
    SERIOUS_FAILURE(8),
    MAJOR_FAILURE(12);

    private final int code;

    AuditOutcome(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static AuditOutcome ofCode(int code) {
        return Arrays.stream(values()).filter(outcome -> outcome.code == code).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not an audit outcome: " + code));
    }

    /** The outcome of an HTTP exchange answered with this status. */
    public static AuditOutcome ofHttpStatus(int status) {
        if (status >= 500) {
            return SERIOUS_FAILURE;
        }
        return status >= 400 ? MINOR_FAILURE : SUCCESS;
    }
}
