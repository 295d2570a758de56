package io.vigie.archive.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Checks the audit trail's chain from the first row to the chain head and reports the first row that was edited
 * (its content no longer gives its hash, or its hash is not the next row's previous hash), deleted (a gap in the
 * ids, or the head pointing past the last row) or inserted outside {@link AuditTrail} (a row the head does not
 * cover). It reads one snapshot (repeatable read), so appends running meanwhile are either wholly in it or not.
 *
 * <p>What it cannot see: someone able to rewrite every row from the edited one to the end and the head as well. Copy
 * the head somewhere out of the database's reach now and then (an intact verification reports it: rows checked and
 * last hash) to pin the chain up to that point.
 */
public final class AuditChainVerifier {

    private static final int BATCH = 1000;

    private final JdbcClient jdbc;
    private final TransactionTemplate snapshot;

    public AuditChainVerifier(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
        this.snapshot = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
    }

    public AuditVerification verify() {
        return snapshot.execute(status -> verifyInSnapshot());
    }

    private AuditVerification verifyInSnapshot() {
        AuditTrail.Head head = jdbc.sql("select last_id, last_hash from audit_chain_head")
                .query((rs, row) -> new AuditTrail.Head(rs.getLong(1), rs.getString(2))).single();
        long expectedId = 1;
        String previousHash = AuditChain.GENESIS;
        while (true) {
            List<AuditRecord> batch = jdbc.sql("select " + AuditTrail.COLUMNS
                            + " from audit_event where id >= ? order by id limit ?")
                    .params(expectedId, BATCH).query(AuditChainVerifier::readable).list();
            for (AuditRecord row : batch) {
                long checked = expectedId - 1;
                if (row.id() > head.lastId()) {
                    return AuditVerification.broken(checked, row.id(), "row " + row.id()
                            + " is past the chain head (row " + head.lastId() + "): it was not appended by Vigie");
                }
                if (row.id() != expectedId) {
                    return AuditVerification.broken(checked, expectedId, "row " + expectedId
                            + " was deleted (the next row is " + row.id() + ")");
                }
                if (row.event() == null || !AuditChain.hash(row.previousHash(), row.id(), row.event())
                        .equals(row.hash())) {
                    return AuditVerification.broken(checked, row.id(), "row " + row.id()
                            + " was edited: its content no longer matches its hash");
                }
                if (!row.previousHash().equals(previousHash) && row.id() == 1) {
                    return AuditVerification.broken(0, 1, "row 1 was edited: it does not start the chain");
                }
                if (!row.previousHash().equals(previousHash)) {
                    return AuditVerification.broken(checked - 1, row.id() - 1, "row " + (row.id() - 1)
                            + " was replaced: row " + row.id() + " does not chain from its hash");
                }
                previousHash = row.hash();
                expectedId++;
            }
            if (batch.size() < BATCH) {
                break;
            }
        }
        long rows = expectedId - 1;
        if (head.lastId() > rows) {
            return AuditVerification.broken(rows, expectedId, "row " + expectedId + (head.lastId() > expectedId
                    ? " to row " + head.lastId() + " were" : " was") + " deleted from the end of the trail");
        }
        if (!head.lastHash().equals(previousHash)) {
            return AuditVerification.broken(rows - 1, rows, "row " + rows
                    + " was replaced: its hash is not the one the chain head recorded");
        }
        return AuditVerification.intact(rows, previousHash);
    }

    /** A row whose columns no longer make an audit event (an unknown type, say) is read as edited: null event. */
    private static AuditRecord readable(ResultSet rs, int row) throws SQLException {
        try {
            return AuditTrail.record(rs, row);
        } catch (IllegalArgumentException | NullPointerException e) {
            return new AuditRecord(rs.getLong("id"), null, rs.getString("previous_hash"), rs.getString("hash"));
        }
    }
}
