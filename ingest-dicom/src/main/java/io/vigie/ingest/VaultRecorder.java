package io.vigie.ingest;

import io.vigie.anonymizer.Deidentified;
import io.vigie.anonymizer.vault.VaultCipher;
import io.vigie.archive.vault.ReidentificationVault;

/**
 * Seals the originals that de-identification replaced and records them in the re-identification vault, so that an
 * authorised person can later go back from a pseudonym to the patient. The key stays in this process; the database
 * receives ciphertext only, each value bound to its row.
 */
public final class VaultRecorder {

    private final VaultCipher cipher;
    private final ReidentificationVault vault;
    private final String siteId;

    /** @param siteId this site's id: the vault of several sites may share one database */
    public VaultRecorder(VaultCipher cipher, ReidentificationVault vault, String siteId) {
        if (siteId == null || siteId.isBlank()) {
            throw new IllegalArgumentException("a site id is required for the re-identification vault");
        }
        this.cipher = cipher;
        this.vault = vault;
        this.siteId = siteId.strip();
    }

    /**
     * Records each non-empty original (an absent value has nothing to re-identify); a row already recorded is kept.
     *
     * @throws org.springframework.dao.DataAccessException when the vault's database is unavailable
     */
    public void record(Deidentified deidentified) {
        put(ReidentificationVault.PATIENT_ID, deidentified.pseudonym(), deidentified.originalPatientId());
        put(ReidentificationVault.PATIENT_NAME, deidentified.pseudonym(), deidentified.originalPatientName());
        put(ReidentificationVault.ACCESSION_NUMBER, deidentified.studyInstanceUid(),
                deidentified.originalAccessionNumber());
    }

    private void put(String kind, String subject, String original) {
        if (original == null || original.isEmpty() || subject == null || subject.isEmpty()) {
            return;
        }
        byte[] sealed = cipher.seal(original, VaultCipher.rowAssociatedData(siteId, kind, subject));
        vault.record(siteId, kind, subject, sealed);
    }

    public String siteId() {
        return siteId;
    }
}
