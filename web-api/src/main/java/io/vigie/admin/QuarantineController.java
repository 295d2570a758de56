package io.vigie.admin;

import io.vigie.archive.quarantine.Quarantine;
import io.vigie.archive.quarantine.QuarantinedItem;
import io.vigie.config.ConditionalOnRole;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code GET /admin/quarantine}: what the gateway set aside, newest first, for administrators (the security
 * configuration admits the {@code admin} role only). It lists reasons and sizes, never the content: the quarantined
 * files are still identified.
 */
@RestController
@RequestMapping("/admin")
@ConditionalOnRole("api")
class QuarantineController {

    /** One quarantined item as listed; {@code receivedAt} in ISO-8601 UTC. */
    record Entry(long id, String receivedAt, String callingAeTitle, String reason, String sopClassUid,
                 long sizeBytes) {

        static Entry of(QuarantinedItem item) {
            return new Entry(item.id(), item.receivedAt().toString(), item.callingAeTitle(), item.reason(),
                    item.sopClassUid(), item.sizeBytes());
        }
    }

    private final Quarantine quarantine;

    QuarantineController(Quarantine quarantine) {
        this.quarantine = quarantine;
    }

    @GetMapping(value = "/quarantine", produces = "application/json")
    List<Entry> list(@RequestParam(defaultValue = "100") int limit, @RequestParam(defaultValue = "0") int offset) {
        if (limit < 1 || limit > Quarantine.MAX_LIMIT) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "limit must be between 1 and " + Quarantine.MAX_LIMIT);
        }
        if (offset < 0) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "offset must not be negative");
        }
        return quarantine.list(limit, offset).stream().map(Entry::of).toList();
    }
}
