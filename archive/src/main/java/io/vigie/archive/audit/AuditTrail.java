package io.vigie.archive.audit;

import io.vigie.archive.ArchiveException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit trail ({@code audit_event}, V4): append-only, each row hash-chained to the one before
 * ({@link AuditChain}). Appends from every process sharing the database are serialised on the single
 * {@code audit_chain_head} row ({@code SELECT ... FOR UPDATE}): each takes the head's last id and hash, inserts the
 * next row and moves the head, in one transaction, so the chain has no fork and no gap. The head also records the
 * last row, which is how {@link AuditChainVerifier} notices rows deleted from the end.
 */
public final class AuditTrail {

    public static final int MAX_LIMIT = 1000;

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    public AuditTrail(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    /** Appends one event at the end of the chain; durable once this returns. */
    public AuditRecord append(AuditEvent event) {
        return appendAll(List.of(Objects.requireNonNull(event, "event"))).get(0);
    }

    /**
     * Appends events at the end of the chain, in their order, in one transaction: the head is locked and moved once
     * and the batch costs one commit, however many events it holds. Durable once this returns.
     */
    public List<AuditRecord> appendAll(List<AuditEvent> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        try {
            return transaction.execute(status -> {
                Head head = jdbc.sql("select last_id, last_hash from audit_chain_head for update")
                        .query((rs, row) -> new Head(rs.getLong(1), rs.getString(2))).single();
                List<AuditRecord> records = new ArrayList<>(events.size());
                long id = head.lastId();
                String previous = head.lastHash();
                for (AuditEvent event : events) {
                    id++;
                    String hash = AuditChain.hash(previous, id, event);
                    jdbc.sql("""
                            insert into audit_event (id, occurred_at, event_type, outcome, subject, username, roles,
                                                     site, client_address, request, study_instance_uid, http_status,
                                                     detail, previous_hash, hash)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                            .params(id, OffsetDateTime.ofInstant(event.occurredAt(), ZoneOffset.UTC),
                                    event.type().displayName(), event.outcome().code(), event.subject(),
                                    event.username(), event.roles(), event.site(), event.clientAddress(),
                                    event.request(), event.studyInstanceUid(), event.httpStatus(), event.detail(),
                                    previous, hash)
                            .update();
                    records.add(new AuditRecord(id, event, previous, hash));
                    previous = hash;
                }
                jdbc.sql("update audit_chain_head set last_id = ?, last_hash = ?").params(id, previous).update();
                return records;
            });
        } catch (DataAccessException e) {
            throw new ArchiveException(ArchiveException.Reason.INDEX, "cannot append to the audit trail", e);
        }
    }

    /**
     * Events that occurred in {@code [from, to)} (either bound may be null), in chain order (oldest first).
     *
     * @param limit at most {@link #MAX_LIMIT}
     */
    public List<AuditRecord> list(Instant from, Instant to, int limit, int offset) {
        int rows = limit <= 0 || limit > MAX_LIMIT ? MAX_LIMIT : limit;
        List<Object> parameters = new ArrayList<>();
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from audit_event where true");
        if (from != null) {
            sql.append(" and occurred_at >= ?");
            parameters.add(OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
        }
        if (to != null) {
            sql.append(" and occurred_at < ?");
            parameters.add(OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
        }
        parameters.add(rows);
        parameters.add(Math.max(0, offset));
        return jdbc.sql(sql + " order by id limit ? offset ?").params(parameters).query(AuditTrail::record).list();
    }

    /** The chain head: the last row appended and its hash (0 and {@link AuditChain#GENESIS} when empty). */
    record Head(long lastId, String lastHash) {
    }

    /** Every column, in the order {@link #record} reads them. */
    static final String COLUMNS = "id, occurred_at, event_type, outcome, subject, username, roles, site, "
            + "client_address, request, study_instance_uid, http_status, detail, previous_hash, hash";

    static AuditRecord record(ResultSet rs, int row) throws SQLException {
        AuditEvent event = new AuditEvent(rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                AuditEventType.ofDisplayName(rs.getString("event_type")), AuditOutcome.ofCode(rs.getInt("outcome")),
                rs.getString("subject"), rs.getString("username"), rs.getString("roles"), rs.getString("site"),
                rs.getString("client_address"), rs.getString("request"), rs.getString("study_instance_uid"),
                rs.getObject("http_status", Integer.class), rs.getString("detail"));
        return new AuditRecord(rs.getLong("id"), event, rs.getString("previous_hash"), rs.getString("hash"));
    }
}
