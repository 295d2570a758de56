package io.vigie.archive.research;

import java.util.Set;

/**
 * Which findings a research query is about; every field is optional (null: any). Dates are never absolute: a study
 * is placed by its day offset from the patient's first study in the archive (pseudonymised dates are shifted per
 * patient, so offsets between one patient's studies are true while the dates themselves are not).
 *
 * @param minDiameterMm  at least this diameter (mm), inclusive
 * @param maxDiameterMm  at most this diameter (mm), inclusive
 * @param lesionType     the finding's type, e.g. {@code nodule}
 * @param reviewStatus   {@code pending}, {@code confirmed} or {@code rejected}
 * @param modelName      the detection model's name
 * @param modelVersion   the detection model's version
 * @param fromDay        the study is at least this many days after the patient's first study
 * @param toDay          the study is at most this many days after the patient's first study
 */
public record FindingFilter(Double minDiameterMm, Double maxDiameterMm, String lesionType, String reviewStatus,
                            String modelName, String modelVersion, Integer fromDay, Integer toDay) {

    public static final Set<String> REVIEW_STATUSES = Set.of("pending", "confirmed", "rejected");

    public FindingFilter {
        if (minDiameterMm != null && maxDiameterMm != null && minDiameterMm > maxDiameterMm) {
            throw new IllegalArgumentException("the minimum diameter is above the maximum");
        }
        if (fromDay != null && toDay != null && fromDay > toDay) {
            throw new IllegalArgumentException("the first day is after the last");
        }
        if (reviewStatus != null && !REVIEW_STATUSES.contains(reviewStatus)) {
            throw new IllegalArgumentException("review status must be one of " + REVIEW_STATUSES);
        }
    }
}
