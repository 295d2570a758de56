package io.vigie.archive;

import java.time.LocalDate;

/**
 * Study-level matching keys (QIDO-RS / C-FIND). A null key matches everything; {@code patientId} may use the DICOM
 * wildcards {@code *} and {@code ?}; the study date matches an inclusive range whose ends may be open.
 */
public record StudyQuery(
        String patientId,
        LocalDate studyDateFrom,
        LocalDate studyDateTo,
        String modality,
        String studyInstanceUid,
        int limit,
        int offset) {

    public static final int MAX_LIMIT = 1000;

    public StudyQuery {
        if (limit <= 0 || limit > MAX_LIMIT) {
            limit = MAX_LIMIT;
        }
        offset = Math.max(0, offset);
    }

    public static StudyQuery all() {
        return new StudyQuery(null, null, null, null, null, MAX_LIMIT, 0);
    }
}
