package io.vigie.audit;

/**
 * Request attributes a controller may set for the audit event of its request, when the path does not say it: the
 * study concerned (a finding is named by its tracking UID, not its study), what was done (a review's decision,
 * which is in the body, not in the request line), and which event it was when not the endpoint's own.
 */
public final class AuditAttributes {

    public static final String STUDY = AuditAttributes.class.getName() + ".study";
    public static final String DETAIL = AuditAttributes.class.getName() + ".detail";
    /**
     * An {@link io.vigie.archive.audit.AuditEventType} recorded instead of the endpoint's: a controller that refuses
     * the caller itself (403, e.g. a STOW-RS for a site not served here) records a Security Alert, as the security
     * chain does for the 403s it answers.
     */
    public static final String EVENT = AuditAttributes.class.getName() + ".event";

    private AuditAttributes() {
    }
}
