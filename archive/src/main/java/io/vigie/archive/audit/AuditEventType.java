package io.vigie.archive.audit;

import java.util.Arrays;

/**
 * What happened, as the EventID of a DICOM audit message (PS3.15 A.5.3, coding scheme DCM; IHE ATNA uses the same
 * codes). The display name is what the {@code audit_event} table stores.
 */
public enum AuditEventType {

    /** WADO-RS: studies, series or instances read. */
    DICOM_INSTANCES_ACCESSED("110103", "DICOM Instances Accessed", "R"),
    /** STOW-RS: instances stored into the archive over HTTP. */
    IMPORT("110107", "Import", "C"),
    /** QIDO-RS searches, and administrators' listings of the archive's records. */
    QUERY("110112", "Query", "E"),
    /** A bearer token refused (401), or a development token issued. */
    USER_AUTHENTICATION("110114", "User Authentication", "E"),
    /** Data leaving Vigie's control (the pseudonym resolution and export endpoints, later issues). */
    EXPORT("110106", "Export", "R"),
    /** A request refused for the caller's roles (403). */
    SECURITY_ALERT("110113", "Security Alert", "E"),
    /** A radiologist's review of a detection finding (confirmed or rejected) recorded: an update (U). */
    PROCEDURE_RECORD("110111", "Procedure Record", "U"),
    /** The audit trail itself read, exported or verified. */
    AUDIT_LOG_USED("110101", "Audit Log Used", "R");

    private final String code;
    private final String displayName;
    private final String actionCode;

    AuditEventType(String code, String displayName, String actionCode) {
        this.code = code;
        this.displayName = displayName;
        this.actionCode = actionCode;
    }

    /** The DCM code of the EventID. */
    public String code() {
        return code;
    }

    /** The code meaning, e.g. "DICOM Instances Accessed". */
    public String displayName() {
        return displayName;
    }

    /** EventActionCode: C (create), R (read), U (update) or E (execute). */
    public String actionCode() {
        return actionCode;
    }

    public static AuditEventType ofDisplayName(String displayName) {
        return Arrays.stream(values()).filter(type -> type.displayName.equals(displayName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not an audit event type: " + displayName));
    }
}
