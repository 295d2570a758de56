package io.vigie.archive.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One audited event: who (subject, user name, roles, site, client address), what ({@code type}, the request), on
 * which object (the study, when there is one), when, and with what outcome.
 *
 * @param occurredAt       kept to the microsecond, the precision of PostgreSQL's timestamps, so that the row read
 *                         back hashes as it was written
 * @param subject          the token's {@code sub}; null when no valid token was presented
 * @param username         the token's {@code preferred_username}
 * @param roles            the caller's Vigie roles, comma-separated, sorted
 * @param site             the token's {@code site} claim
 * @param clientAddress    the caller's IP address as the server saw it
 * @param request          method and path (with the query), e.g. {@code GET /dicomweb/studies?ModalitiesInStudy=CT}
 * @param studyInstanceUid the (pseudonymous) study the request concerned, if any
 * @param httpStatus       the status answered
 * @param detail           why it failed, when it did
 */
public record AuditEvent(Instant occurredAt, AuditEventType type, AuditOutcome outcome, String subject,
                         String username, String roles, String site, String clientAddress, String request,
                         String studyInstanceUid, Integer httpStatus, String detail) {

    /**
     * Text fields are cut here, and control characters replaced: a request line and token claims are chosen by the
     * caller, and the trail is no place to flood or to forge lines in.
     */
    public static final int MAX_TEXT_LENGTH = 2000;

    public AuditEvent {
        occurredAt = Objects.requireNonNull(occurredAt, "occurredAt").truncatedTo(ChronoUnit.MICROS);
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(request, "request");
        subject = cut(subject);
        username = cut(username);
        roles = cut(roles);
        site = cut(site);
        clientAddress = cut(clientAddress);
        request = cut(request);
        studyInstanceUid = cut(studyInstanceUid);
        detail = cut(detail);
    }

    /** Compiled once: an event is made for every request, and each has several texts to clean. */
    private static final Pattern CONTROL_CHARACTERS = Pattern.compile("\\p{Cntrl}");

    private static String cut(String value) {
        if (value == null) {
            return null;
        }
        String kept = value.length() <= MAX_TEXT_LENGTH ? value : value.substring(0, MAX_TEXT_LENGTH);
        return CONTROL_CHARACTERS.matcher(kept).replaceAll("?");
    }
}
