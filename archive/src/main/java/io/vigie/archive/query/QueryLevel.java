package io.vigie.archive.query;

/**
 * The levels of the archive's information model, from the top: patients have studies, studies have series, series
 * have images (instances).
 */
public enum QueryLevel {
    PATIENT,
    STUDY,
    SERIES,
    IMAGE;

    /** True when {@code other} is this level or one above it (its attributes describe every entity of this level). */
    public boolean isAtOrBelow(QueryLevel other) {
        return other.ordinal() <= ordinal();
    }
}
