package io.vigie.reidentification;

import io.vigie.anonymizer.vault.VaultCipher;
import io.vigie.archive.Archive;
import io.vigie.archive.vault.ReidentificationVault;
import java.util.Optional;

/**
 * Goes back from a pseudonym to the originals, for one site: a patient pseudonym to the original PatientID and
 * PatientName, a pseudonymous StudyInstanceUID to the study's original AccessionNumber. A pseudonym the archive does
 * not hold for that site is unknown, whether it exists at another site or nowhere: the caller cannot tell.
 */
final class PseudonymResolver {

    /** The originals of a patient; a value that was empty when received is null (there was nothing to replace). */
    record Patient(String pseudonym, String patientId, String patientName) {
    }

    /** The original accession number of a study; null when it had none. */
    record Study(String studyInstanceUid, String accessionNumber) {
    }

    private final Archive archive;
    private final ReidentificationVault vault;
    private final VaultCipher cipher;

    PseudonymResolver(Archive archive, ReidentificationVault vault, VaultCipher cipher) {
        this.archive = archive;
        this.vault = vault;
        this.cipher = cipher;
    }

    Optional<Patient> patient(String site, String pseudonym) {
        if (!archive.sitesOfPatient(pseudonym).contains(site)) {
            return Optional.empty();
        }
        return Optional.of(new Patient(pseudonym, original(site, ReidentificationVault.PATIENT_ID, pseudonym),
                original(site, ReidentificationVault.PATIENT_NAME, pseudonym)));
    }

    Optional<Study> study(String site, String studyInstanceUid) {
        if (!archive.siteOfStudy(studyInstanceUid).filter(site::equals).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(new Study(studyInstanceUid,
                original(site, ReidentificationVault.ACCESSION_NUMBER, studyInstanceUid)));
    }

    /** @throws io.vigie.anonymizer.vault.VaultIntegrityException when the row does not open with its own key */
    private String original(String site, String kind, String subject) {
        return vault.find(site, kind, subject)
                .map(sealed -> cipher.open(sealed, VaultCipher.rowAssociatedData(site, kind, subject)))
                .orElse(null);
    }
}
