package io.vigie.anonymizer;

/**
 * What de-identification of one instance replaced: the pseudonyms it wrote and the originals behind them. The
 * originals go only into the encrypted re-identification vault; nothing else may keep them.
 *
 * @param pseudonym                 the PatientID written into the instance
 * @param studyInstanceUid          the remapped StudyInstanceUID written into the instance
 * @param originalPatientId         the PatientID received ("" when there was none)
 * @param originalPatientName       the PatientName received, DICOM PN form ("" when none)
 * @param originalAccessionNumber   the AccessionNumber received ("" when none)
 */
public record Deidentified(String pseudonym, String studyInstanceUid, String originalPatientId,
        String originalPatientName, String originalAccessionNumber) {

    @Override
    public String toString() {
        // Never log the originals.
        return "Deidentified[" + pseudonym + ", study " + studyInstanceUid + "]";
    }
}
