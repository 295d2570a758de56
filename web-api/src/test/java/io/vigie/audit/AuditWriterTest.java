package io.vigie.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.archive.ArchiveSchema;
import io.vigie.archive.audit.AuditChainVerifier;
import io.vigie.archive.audit.AuditEvent;
import io.vigie.archive.audit.AuditEventType;
import io.vigie.archive.audit.AuditOutcome;
import io.vigie.archive.audit.AuditRecord;
import io.vigie.archive.audit.AuditTrail;
import io.vigie.testing.TestDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The batching writer against a real database: nothing lost, the chain intact, reads after a flush complete. */
class AuditWriterTest {

    private static TestDatabase database;

    @BeforeAll
    static void startDatabase() {
        database = TestDatabase.start();
        ArchiveSchema.migrate(database.dataSource());
    }

    @AfterAll
    static void stopDatabase() {
        database.close();
    }

    @Test
    void eventsFromManyThreadsAreAllInTheChainOnceFlushed() throws Exception {
        AuditTrail trail = new AuditTrail(database.dataSource());
        AuditWriter writer = new AuditWriter(trail);
        writer.start();
        ExecutorService requests = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> submitted = new ArrayList<>();
            for (int thread = 0; thread < 8; thread++) {
                int t = thread;
                submitted.add(requests.submit(() -> {
                    for (int i = 0; i < 250; i++) {
                        writer.submit(event("GET /dicomweb/studies?thread=" + t + "&i=" + i));
                    }
                }));
            }
            for (Future<?> future : submitted) {
                future.get();
            }
            writer.flush(30_000);

            List<AuditRecord> rows = all(trail);
            assertThat(rows).hasSize(2000);
            Set<String> requestsSeen = new HashSet<>();
            rows.forEach(row -> requestsSeen.add(row.event().request()));
            assertThat(requestsSeen).hasSize(2000);
            assertThat(new AuditChainVerifier(database.dataSource()).verify().intact()).isTrue();
        } finally {
            requests.shutdownNow();
            writer.stop();
        }

        // Stopped: an event is appended on the caller's thread, at once.
        int before = all(trail).size();
        writer.submit(event("GET /after-stop"));
        assertThat(all(trail)).hasSize(before + 1);
    }

    private static List<AuditRecord> all(AuditTrail trail) {
        List<AuditRecord> rows = new ArrayList<>();
        for (List<AuditRecord> page = trail.list(null, null, AuditTrail.MAX_LIMIT, 0); !page.isEmpty();
                page = trail.list(null, null, AuditTrail.MAX_LIMIT, rows.size())) {
            rows.addAll(page);
        }
        return rows;
    }

    private static AuditEvent event(String request) {
        return new AuditEvent(Instant.now(), AuditEventType.QUERY, AuditOutcome.SUCCESS, "subject", "user",
                "radiologist", "site-a", "127.0.0.1", request, null, 200, null);
    }
}
