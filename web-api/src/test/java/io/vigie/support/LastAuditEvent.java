package io.vigie.support;

import io.vigie.archive.audit.AuditEvent;
import io.vigie.archive.audit.AuditRecord;
import io.vigie.archive.audit.AuditTrail;
import io.vigie.audit.AuditWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The last event of the audit trail, once it is the one a test waits for. A request is recorded after it is answered
 * (a streamed answer once written, just after the client has it), and the audit writer appends in the background:
 * the client may have the answer before the trail has the event, so this waits for what was submitted and polls.
 * A {@link VigieAppTest} has one as a bean: {@code @Autowired LastAuditEvent lastAuditEvent}.
 */
public final class LastAuditEvent {

    private static final int ATTEMPTS = 100;
    private static final long PAUSE_MS = 50;

    private final AuditTrail trail;
    private final AuditWriter writer;

    public LastAuditEvent(AuditTrail trail, AuditWriter writer) {
        this.trail = trail;
        this.writer = writer;
    }

    /** @param what what {@code wanted} stands for, for the failure message */
    public AuditRecord await(Predicate<AuditEvent> wanted, String what) throws InterruptedException {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            writer.flush(5_000);
            List<AuditRecord> all = all();
            AuditRecord last = all.isEmpty() ? null : all.get(all.size() - 1);
            if (last != null && wanted.test(last.event())) {
                return last;
            }
            Thread.sleep(PAUSE_MS);
        }
        throw new AssertionError("no " + what + " event last in the trail");
    }

    private List<AuditRecord> all() {
        List<AuditRecord> all = new ArrayList<>();
        for (int offset = 0; ; offset += AuditTrail.MAX_LIMIT) {
            List<AuditRecord> page = trail.list(null, null, AuditTrail.MAX_LIMIT, offset);
            all.addAll(page);
            if (page.size() < AuditTrail.MAX_LIMIT) {
                return all;
            }
        }
    }
}
