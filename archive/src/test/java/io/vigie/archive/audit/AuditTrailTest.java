package io.vigie.archive.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigie.archive.ArchiveSchema;
import io.vigie.testing.TestDatabase;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

class AuditTrailTest {

    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00.123456Z");

    private static TestDatabase database;
    private static JdbcClient sql;

    private final AuditTrail trail = new AuditTrail(database.dataSource());
    private final AuditChainVerifier verifier = new AuditChainVerifier(database.dataSource());

    @BeforeAll
    static void startDatabase() {
        database = TestDatabase.start();
        ArchiveSchema.migrate(database.dataSource());
        sql = JdbcClient.create(database.dataSource());
    }

    @AfterAll
    static void stopDatabase() {
        database.close();
    }

    @BeforeEach
    void emptyTrail() {
        // what an intruder with the owner's rights would do: the trigger has to go first
        tamper("truncate audit_event");
        sql.sql("update audit_chain_head set last_id = 0, last_hash = ?").param(AuditChain.GENESIS).update();
    }

    @Test
    void appendsChainedRowsAndListsThemInOrderWithinATimeRange() {
        AuditRecord first = trail.append(event(T0, AuditEventType.QUERY, "GET /dicomweb/studies?PatientID=VG*"));
        AuditRecord second = trail.append(event(T0.plusSeconds(60), AuditEventType.DICOM_INSTANCES_ACCESSED,
                "GET /dicomweb/studies/2.25.1"));
        AuditRecord third = trail.append(event(T0.plusSeconds(120), AuditEventType.SECURITY_ALERT,
                "GET /admin/audit"));

        assertThat(first.id()).isEqualTo(1);
        assertThat(first.previousHash()).isEqualTo(AuditChain.GENESIS);
        assertThat(second.previousHash()).isEqualTo(first.hash());
        assertThat(third.previousHash()).isEqualTo(second.hash());
        assertThat(trail.list(null, null, 10, 0)).containsExactly(first, second, third); // read back, hash intact
        assertThat(trail.list(T0.plusSeconds(60), T0.plusSeconds(120), 10, 0)).containsExactly(second);
        assertThat(trail.list(null, null, 2, 1)).containsExactly(second, third);
        assertThat(verifier.verify()).isEqualTo(AuditVerification.intact(3, third.hash()));
    }

    @Test
    void keepsTimesToTheMicrosecondSoThatRowsReadBackHashAsWritten() {
        AuditRecord written = trail.append(event(Instant.parse("2026-03-01T08:00:00.123456789Z"),
                AuditEventType.QUERY, "GET /dicomweb/studies"));

        assertThat(written.event().occurredAt()).isEqualTo(Instant.parse("2026-03-01T08:00:00.123456Z"));
        assertThat(trail.list(null, null, 1, 0)).containsExactly(written);
    }

    @Test
    void theDatabaseRefusesToUpdateOrDeleteRowsEvenForTheOwner() {
        trail.append(event(T0, AuditEventType.QUERY, "GET /dicomweb/studies"));

        assertThatThrownBy(() -> sql.sql("update audit_event set subject = 'someone-else'").update())
                .hasMessageContaining("audit_event is append-only");
        assertThatThrownBy(() -> sql.sql("delete from audit_event").update())
                .hasMessageContaining("audit_event is append-only");
        assertThatThrownBy(() -> sql.sql("truncate audit_event").update())
                .hasMessageContaining("audit_event is append-only");
        assertThat(verifier.verify().intact()).isTrue();
    }

    @Test
    void theVerifierReportsAnEditedRow() {
        appendTen();
        tamper("update audit_event set roles = 'admin' where id = 4");

        AuditVerification verification = verifier.verify();

        assertThat(verification.intact()).isFalse();
        assertThat(verification.firstBadRow()).isEqualTo(4);
        assertThat(verification.rowsChecked()).isEqualTo(3);
        assertThat(verification.problem()).contains("row 4 was edited");
    }

    @Test
    void theVerifierReportsARowEditedWithItsHashRecomputed() {
        appendTen();
        AuditRecord row = trail.list(null, null, 1, 4).get(0); // row 5
        AuditEvent forged = new AuditEvent(row.event().occurredAt(), row.event().type(), row.event().outcome(),
                "someone-else", null, null, null, null, row.event().request(), null, 200, null);
        tamper("update audit_event set subject = 'someone-else', username = null, roles = null, site = null, "
                + "client_address = null, study_instance_uid = null, detail = null, hash = '"
                + AuditChain.hash(row.previousHash(), 5, forged) + "' where id = 5");

        AuditVerification verification = verifier.verify();

        assertThat(verification.firstBadRow()).isEqualTo(5);
        assertThat(verification.problem()).contains("row 5 was replaced");
    }

    @Test
    void theVerifierReportsADeletedRow() {
        appendTen();
        tamper("delete from audit_event where id = 7");

        AuditVerification verification = verifier.verify();

        assertThat(verification.intact()).isFalse();
        assertThat(verification.firstBadRow()).isEqualTo(7);
        assertThat(verification.rowsChecked()).isEqualTo(6);
        assertThat(verification.problem()).contains("row 7 was deleted");
    }

    @Test
    void theVerifierReportsTheFirstOfAnEditAndADeletion() {
        appendTen();
        tamper("update audit_event set http_status = 500 where id = 3");
        tamper("delete from audit_event where id = 8");

        assertThat(verifier.verify().firstBadRow()).isEqualTo(3);
    }

    @Test
    void theVerifierReportsRowsDeletedFromTheEnd() {
        appendTen();
        tamper("delete from audit_event where id >= 9");

        AuditVerification verification = verifier.verify();

        assertThat(verification.firstBadRow()).isEqualTo(9);
        assertThat(verification.problem()).contains("row 9 to row 10 were deleted from the end");
    }

    @Test
    void theVerifierReportsARowAddedOutsideTheChain() {
        appendTen();
        tamper("insert into audit_event select id + 1, occurred_at, event_type, outcome, subject, username, roles, "
                + "site, client_address, request, study_instance_uid, http_status, detail, hash, hash "
                + "from audit_event where id = 10");

        assertThat(verifier.verify().firstBadRow()).isEqualTo(11);
    }

    @Test
    void anAppendAfterAnotherProcessMovedTheHeadChainsToThatProcesssRow() {
        AuditTrail other = new AuditTrail(separateDataSource()); // as another Vigie process would
        AuditRecord first = trail.append(event(T0, AuditEventType.QUERY, "GET /first"));
        AuditRecord second = other.append(event(T0.plusSeconds(1), AuditEventType.QUERY, "GET /second"));
        // This trail last left the head at its own row: it must find the other's and chain to it.
        List<AuditRecord> next = trail.appendAll(List.of(event(T0.plusSeconds(2), AuditEventType.QUERY, "GET /a"),
                event(T0.plusSeconds(3), AuditEventType.QUERY, "GET /b")));

        assertThat(second.id()).isEqualTo(first.id() + 1);
        assertThat(second.previousHash()).isEqualTo(first.hash());
        assertThat(next).extracting(AuditRecord::id).containsExactly(second.id() + 1, second.id() + 2);
        assertThat(next.get(0).previousHash()).isEqualTo(second.hash());
        AuditVerification verification = verifier.verify();
        assertThat(verification.intact()).as(verification.problem()).isTrue();
        assertThat(verification.rowsChecked()).isEqualTo(4);
    }

    @Test
    void appendsFromSeveralProcessesAtOnceMakeOneUnbrokenChain() throws Exception {
        int processes = 4;
        int appendsEach = 25;
        ExecutorService pool = Executors.newFixedThreadPool(processes);
        try {
            List<Future<?>> running = IntStream.range(0, processes).<Future<?>>mapToObj(p -> pool.submit(() -> {
                AuditTrail own = new AuditTrail(separateDataSource()); // as another Vigie process would
                for (int i = 0; i < appendsEach; i++) {
                    own.append(event(Instant.now(), AuditEventType.QUERY, "GET /dicomweb/studies?process=" + p));
                }
            })).toList();
            for (Future<?> process : running) {
                process.get();
            }
        } finally {
            pool.shutdown();
        }

        AuditVerification verification = verifier.verify();
        assertThat(verification.intact()).as(verification.problem()).isTrue();
        assertThat(verification.rowsChecked()).isEqualTo(processes * appendsEach);
    }

    private void appendTen() {
        for (int i = 1; i <= 10; i++) {
            trail.append(new AuditEvent(T0.plusSeconds(i), AuditEventType.DICOM_INSTANCES_ACCESSED,
                    AuditOutcome.SUCCESS, "subject-" + i, "user-" + i, "researcher", "research", "127.0.0.1",
                    "GET /dicomweb/studies/2.25." + i, "2.25." + i, 200, null));
        }
    }

    private static AuditEvent event(Instant at, AuditEventType type, String request) {
        return new AuditEvent(at, type, AuditOutcome.SUCCESS, "subject", "user", "radiologist", "site-a",
                "127.0.0.1", request, null, 200, null);
    }

    /** Runs SQL on the trail as its owner would, append-only trigger disabled for the statement. */
    private static void tamper(String statement) {
        sql.sql("alter table audit_event disable trigger audit_event_append_only").update();
        try {
            sql.sql(statement).update();
        } finally {
            sql.sql("alter table audit_event enable trigger audit_event_append_only").update();
        }
    }

    private static DataSource separateDataSource() {
        PGSimpleDataSource separate = new PGSimpleDataSource();
        separate.setUrl(database.jdbcUrl());
        return separate;
    }
}
