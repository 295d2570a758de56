package io.vigie.archive.research;

/**
 * One finding as research sees it: pseudonymous identifiers only (the patient pseudonym, remapped UIDs), the place of
 * its study in days from the patient's first study, never a date, never who reviewed it.
 *
 * @param dayOffset days from the patient's first study to this finding's study; null when the study has no date
 */
public record ResearchFinding(String trackingUid, String trackingId, String lesionType, double centreXMm,
                              double centreYMm, double centreZMm, double diameterMm, double volumeMm3,
                              double probability, String reviewStatus, String modelName, String modelVersion,
                              String site, String patientPseudonym, String studyInstanceUid,
                              String seriesInstanceUid, Integer dayOffset) {
}
