package io.vigie.archive;

import java.time.LocalDate;
import java.util.List;

/** One study as QIDO-RS returns it: study and patient attributes plus the counts it computes. */
public record StudySummary(
        String patientId,
        String patientName,
        String patientSex,
        String studyInstanceUid,
        LocalDate studyDate,
        String studyTime,
        String accessionNumber,
        String studyId,
        String studyDescription,
        List<String> modalitiesInStudy,
        int numberOfSeries,
        int numberOfInstances) {
}
