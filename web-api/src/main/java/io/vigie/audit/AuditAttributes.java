package io.vigie.audit;

/**
 * Request attributes a controller may set for the audit event of its request, when the path does not say it: the
 * study concerned (a finding is named by its tracking UID, not its study) and what was done (a review's decision,
 * which is in the body, not in the request line).
 */
public final class AuditAttributes {

    public static final String STUDY = AuditAttributes.class.getName() + ".study";
    public static final String DETAIL = AuditAttributes.class.getName() + ".detail";

    private AuditAttributes() {
    }
}
