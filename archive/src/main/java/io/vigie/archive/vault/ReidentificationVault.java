package io.vigie.archive.vault;

import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The re-identification vault's table: sealed originals by (site, kind, subject). It stores and returns ciphertext
 * only; sealing and opening (and the key) belong to the caller, so nothing here can read an original.
 */
public final class ReidentificationVault {

    /** The PatientID behind a patient pseudonym (subject: the pseudonym). */
    public static final String PATIENT_ID = "patient_id";
    /** The PatientName behind a patient pseudonym (subject: the pseudonym). */
    public static final String PATIENT_NAME = "patient_name";
    /** The AccessionNumber of a study (subject: its pseudonymous StudyInstanceUID). */
    public static final String ACCESSION_NUMBER = "accession_number";

    static final Set<String> KINDS = Set.of(PATIENT_ID, PATIENT_NAME, ACCESSION_NUMBER);

    private final JdbcClient jdbc;

    public ReidentificationVault(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    /**
     * Records a sealed original unless its row exists. The first value is kept: every instance of a patient carries
     * the same originals, and a later differing one (a corrected name) must not silently replace what was recorded.
     *
     * @throws org.springframework.dao.DataAccessException when the database is unavailable
     */
    public void record(String site, String kind, String subject, byte[] sealed) {
        requireKind(kind);
        jdbc.sql("""
                insert into reidentification_vault (site, kind, subject, sealed) values (?, ?, ?, ?)
                on conflict (site, kind, subject) do nothing""")
                .params(site, kind, subject, sealed)
                .update();
    }

    /** The sealed original of this row, if one was recorded. */
    public Optional<byte[]> find(String site, String kind, String subject) {
        requireKind(kind);
        return jdbc.sql("select sealed from reidentification_vault where site = ? and kind = ? and subject = ?")
                .params(site, kind, subject)
                .query(byte[].class)
                .optional();
    }

    private static void requireKind(String kind) {
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("vault kind must be one of " + KINDS + ": " + kind);
        }
    }
}
