package io.vigie.research;

import io.vigie.archive.research.CohortCount;

/**
 * Statistical disclosure control of cohort counts, so that a count does not single out a few patients:
 *
 * <ul>
 *   <li>a cohort of fewer than {@value #THRESHOLD} patients has every count given as {@code "<10"}: its studies, series
 *       and findings all come from those few patients, and an exact number of them would tell how few;
 *   <li>otherwise each count under {@value #THRESHOLD} is {@code "<10"} too, and every other count is rounded to the
 *       nearest multiple of {@value #ROUNDING_BASE}, so that the difference of two overlapping cohorts (all nodules, and
 *       all nodules but those over 20 mm) is not the exact size of the small group between them.
 * </ul>
 *
 * Rounding bounds what one difference tells (within ±{@value #ROUNDING_BASE}), it does not make differencing
 * impossible: many overlapping queries can still narrow a small group down. That limit is documented in
 * docs/api.md; every query is in the audit trail, where such a series of queries can be seen.
 */
final class SmallCellSuppression {

    static final int THRESHOLD = 10;
    static final int ROUNDING_BASE = 5;
    static final String SUPPRESSED = "<" + THRESHOLD;

    private SmallCellSuppression() {
    }

    /** The counts as the API gives them: numbers, or {@code "<10"}. */
    static CohortCounts apply(CohortCount count) {
        if (count.patients() < THRESHOLD) {
            return new CohortCounts(SUPPRESSED, SUPPRESSED, SUPPRESSED, SUPPRESSED, THRESHOLD, ROUNDING_BASE);
        }
        return new CohortCounts(released(count.patients()), released(count.studies()), released(count.series()),
                released(count.findings()), THRESHOLD, ROUNDING_BASE);
    }

    private static Object released(long count) {
        if (count < THRESHOLD) {
            return SUPPRESSED;
        }
        return Math.round((double) count / ROUNDING_BASE) * ROUNDING_BASE;
    }
}
