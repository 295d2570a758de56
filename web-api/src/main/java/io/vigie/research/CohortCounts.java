package io.vigie.research;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A cohort's counts after small-cell suppression ({@link SmallCellSuppression}): each a number (a multiple of
 * {@code roundedTo}) or the string {@code "<10"}.
 */
record CohortCounts(
        @Schema(description = SUPPRESSED_OR_ROUNDED, oneOf = {Long.class, String.class}) Object patients,
        @Schema(description = SUPPRESSED_OR_ROUNDED, oneOf = {Long.class, String.class}) Object studies,
        @Schema(description = SUPPRESSED_OR_ROUNDED, oneOf = {Long.class, String.class}) Object series,
        @Schema(description = SUPPRESSED_OR_ROUNDED, oneOf = {Long.class, String.class}) Object findings,
        @Schema(description = "counts under this are given as \"<10\"") int threshold,
        @Schema(description = "counts at or above the threshold are rounded to a multiple of this") int roundedTo) {

    static final String SUPPRESSED_OR_ROUNDED = "a number rounded to a multiple of roundedTo, or \"<10\"";
}
