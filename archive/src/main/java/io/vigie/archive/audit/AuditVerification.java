package io.vigie.archive.audit;

/**
 * What {@link AuditChainVerifier} found.
 *
 * @param intact      every row matches its hash and follows the one before, and the chain head names the last row
 * @param rowsChecked rows found sound before the first problem (all of them when intact)
 * @param lastHash    when intact, the hash of the last row: written down with {@code rowsChecked} somewhere out of
 *                    the database's reach, it pins the trail up to that row
 * @param firstBadRow the first row edited, deleted or added outside the chain; null when intact
 * @param problem     what is wrong with it, in words; null when intact
 */
public record AuditVerification(boolean intact, long rowsChecked, String lastHash, Long firstBadRow,
                                String problem) {

    static AuditVerification intact(long rowsChecked, String lastHash) {
        return new AuditVerification(true, rowsChecked, lastHash, null, null);
    }

    static AuditVerification broken(long rowsChecked, long firstBadRow, String problem) {
        return new AuditVerification(false, rowsChecked, null, firstBadRow, problem);
    }
}
