package io.vigie.ingest;

import io.vigie.anonymizer.Deidentified;
import io.vigie.anonymizer.vault.VaultCipher;
import io.vigie.archive.vault.ReidentificationVault;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Seals the originals that de-identification replaced and records them in the re-identification vault, so that an
 * authorised person can later go back from a pseudonym to the patient. The key stays in this process; the database
 * receives ciphertext only, each value bound to its row.
 */
public final class VaultRecorder {

    /** Rows known to be in the vault; bounded, since forgetting one only costs a redundant insert. */
    private static final int REMEMBERED_ROWS = 100_000;

    private final VaultCipher cipher;
    private final ReidentificationVault vault;
    private final String siteId;
    /**
     * The rows this process has recorded (or found recorded). Every instance of a study carries the same originals:
     * without this, each slice sealed and sent the same three rows again, only to hit the existing ones. A vault row
     * is never updated or deleted, so a remembered row stays true.
     */
    private final Set<String> recorded = ConcurrentHashMap.newKeySet();

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
        String row = kind + '\u0000' + subject;
        if (recorded.contains(row)) {
            return;
        }
        byte[] sealed = cipher.seal(original, VaultCipher.rowAssociatedData(siteId, kind, subject));
        vault.record(siteId, kind, subject, sealed);
        if (recorded.size() >= REMEMBERED_ROWS) {
            recorded.clear();
        }
        recorded.add(row);
    }

    public String siteId() {
        return siteId;
    }
}
