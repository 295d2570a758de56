package io.vigie.inference.findings;

import java.util.Locale;

/** A radiologist's decision on a finding ({@code finding.review_status}, which starts as {@code pending}). */
public enum ReviewDecision {
    CONFIRMED,
    REJECTED;

    public String sqlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code confirmed} or {@code rejected}, any case. */
    public static ReviewDecision parse(String value) {
        if (value != null) {
            for (ReviewDecision decision : values()) {
                if (decision.sqlName().equalsIgnoreCase(value.strip())) {
                    return decision;
                }
            }
        }
        throw new IllegalArgumentException("a review decision is confirmed or rejected, not '" + value + "'");
    }
}
