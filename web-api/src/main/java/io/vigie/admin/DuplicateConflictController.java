package io.vigie.admin;

import io.vigie.archive.duplicates.DuplicateConflict;
import io.vigie.archive.duplicates.DuplicateConflicts;
import io.vigie.config.ConditionalOnRole;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code GET /admin/duplicate-conflicts}: instances received under an archived SOP Instance UID with other content,
 * most recently seen first, for administrators (the security configuration admits the {@code admin} role only).
 * UIDs are the de-identified ones; contents are named by their SHA-256.
 */
@RestController
@RequestMapping("/admin")
@ConditionalOnRole("api")
class DuplicateConflictController {

    /** One conflict as listed; times in ISO-8601 UTC. */
    record Entry(long id, String sopInstanceUid, String studyInstanceUid, String seriesInstanceUid,
                 String storedSha256, String receivedSha256, long receivedSizeBytes, String callingAeTitle,
                 String action, int occurrences, String firstSeenAt, String lastSeenAt) {

        static Entry of(DuplicateConflict c) {
            return new Entry(c.id(), c.sopInstanceUid(), c.studyInstanceUid(), c.seriesInstanceUid(),
                    c.storedSha256(), c.receivedSha256(), c.receivedSizeBytes(), c.callingAeTitle(), c.action(),
                    c.occurrences(), c.firstSeenAt().toString(), c.lastSeenAt().toString());
        }
    }

    private final DuplicateConflicts conflicts;

    DuplicateConflictController(DuplicateConflicts conflicts) {
        this.conflicts = conflicts;
    }

    @GetMapping(value = "/duplicate-conflicts", produces = "application/json")
    List<Entry> list(@RequestParam(defaultValue = "100") int limit, @RequestParam(defaultValue = "0") int offset) {
        if (limit < 1 || limit > DuplicateConflicts.MAX_LIMIT) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "limit must be between 1 and " + DuplicateConflicts.MAX_LIMIT);
        }
        if (offset < 0) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "offset must not be negative");
        }
        return conflicts.list(limit, offset).stream().map(Entry::of).toList();
    }
}
