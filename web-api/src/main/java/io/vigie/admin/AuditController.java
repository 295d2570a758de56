package io.vigie.admin;

import io.vigie.archive.audit.AuditChainVerifier;
import io.vigie.archive.audit.AuditEvent;
import io.vigie.archive.audit.AuditMessageXml;
import io.vigie.archive.audit.AuditRecord;
import io.vigie.archive.audit.AuditTrail;
import io.vigie.archive.audit.AuditVerification;
import io.vigie.audit.AuditWriter;
import io.vigie.config.ConditionalOnRole;
import io.vigie.config.VigieProperties;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The audit trail for administrators (the security configuration admits the {@code admin} role only; every call is
 * itself audited as Audit Log Used): {@code GET /admin/audit} lists events as JSON, {@code GET /admin/audit/export}
 * gives the same events as DICOM audit messages (PS3.15 A.5 XML), {@code GET /admin/audit/verify} checks the hash
 * chain. Events are in chain order, oldest first, within {@code [from, to)} (ISO-8601 instants, both optional).
 */
@RestController
@RequestMapping("/admin/audit")
@ConditionalOnRole("api")
class AuditController {

    /** One event as listed; {@code occurredAt} in ISO-8601 UTC. */
    record Entry(long id, String occurredAt, String eventType, String eventId, int outcome, String subject,
                 String username, String roles, String site, String clientAddress, String request,
                 String studyInstanceUid, Integer httpStatus, String detail, String hash) {

        static Entry of(AuditRecord record) {
            AuditEvent e = record.event();
            return new Entry(record.id(), e.occurredAt().toString(), e.type().displayName(), e.type().code(),
                    e.outcome().code(), e.subject(), e.username(), e.roles(), e.site(), e.clientAddress(),
                    e.request(), e.studyInstanceUid(), e.httpStatus(), e.detail(), record.hash());
        }
    }

    /** How long a read of the trail waits for the events of requests answered before it. */
    private static final long FLUSH_MS = 5_000;

    private final AuditTrail trail;
    private final AuditWriter writer;
    private final AuditChainVerifier verifier;
    private final AuditMessageXml xml;

    AuditController(AuditTrail trail, AuditWriter writer, AuditChainVerifier verifier, VigieProperties properties) {
        this.trail = trail;
        this.writer = writer;
        this.verifier = verifier;
        this.xml = new AuditMessageXml("vigie", properties.deidentification().siteId());
    }

    @GetMapping(produces = "application/json")
    List<Entry> list(@RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
            @RequestParam(defaultValue = "100") int limit, @RequestParam(defaultValue = "0") int offset)
            throws InterruptedException {
        return events(from, to, limit, offset).stream().map(Entry::of).toList();
    }

    @GetMapping(value = "/export", produces = "application/xml")
    String export(@RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
            @RequestParam(defaultValue = "1000") int limit, @RequestParam(defaultValue = "0") int offset)
            throws InterruptedException {
        return xml.write(events(from, to, limit, offset));
    }

    /** The first row edited, deleted or added outside the chain, if any. */
    @GetMapping(value = "/verify", produces = "application/json")
    AuditVerification verify() throws InterruptedException {
        writer.flush(FLUSH_MS);
        return verifier.verify();
    }

    private List<AuditRecord> events(Instant from, Instant to, int limit, int offset) throws InterruptedException {
        if (limit < 1 || limit > AuditTrail.MAX_LIMIT) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "limit must be between 1 and " + AuditTrail.MAX_LIMIT);
        }
        if (offset < 0) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "offset must not be negative");
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "from must be before to");
        }
        writer.flush(FLUSH_MS); // an administrator sees every request answered before this one
        return trail.list(from, to, limit, offset);
    }
}
