package io.vigie.anonymizer;

/**
 * The instance cannot be made safe automatically (for example burned-in text with no clean-pixel rule for its
 * device): it must be kept aside with this reason for an administrator, never archived and never dropped.
 */
public final class QuarantineException extends DeidentificationException {

    public QuarantineException(String reason) {
        super(reason, null);
    }

    /** Why the instance was set aside, safe to show to administrators (names no patient data). */
    public String reason() {
        return getMessage();
    }
}
