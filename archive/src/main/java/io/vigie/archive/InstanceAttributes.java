package io.vigie.archive;

import java.time.LocalDate;
import java.util.Objects;

/**
 * What the archive indexes about one de-identified instance: the patient / study / series / instance attributes that
 * DICOMweb queries match on. Values are already de-identified when they reach the archive.
 *
 * @param transferSyntaxUid the transfer syntax the stored file is encoded in
 */
public record InstanceAttributes(
        String patientId,
        String patientName,
        String patientSex,
        String studyInstanceUid,
        LocalDate studyDate,
        String studyTime,
        String accessionNumber,
        String studyId,
        String studyDescription,
        String seriesInstanceUid,
        String modality,
        Integer seriesNumber,
        String seriesDescription,
        String sopClassUid,
        String sopInstanceUid,
        Integer instanceNumber,
        String transferSyntaxUid) {

    public InstanceAttributes {
        requireUid(studyInstanceUid, "StudyInstanceUID");
        requireUid(seriesInstanceUid, "SeriesInstanceUID");
        requireUid(sopInstanceUid, "SOPInstanceUID");
        requireUid(sopClassUid, "SOPClassUID");
        requireUid(transferSyntaxUid, "TransferSyntaxUID");
        Objects.requireNonNull(patientId, "PatientID");
    }

    private static void requireUid(String uid, String name) {
        if (uid == null || !uid.matches("[0-9]+(\\.[0-9]+)*") || uid.length() > 64) {
            throw new IllegalArgumentException(name + " is not a valid UID: " + uid);
        }
    }
}
