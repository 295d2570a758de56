package io.vigie.audit;

import io.vigie.archive.audit.AuditEvent;
import io.vigie.archive.audit.AuditEventType;
import io.vigie.archive.audit.AuditOutcome;
import io.vigie.security.SiteAccess;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Turns one HTTP exchange into an audit event: who from the authenticated token (none for a refused one), the
 * client address, the request line, the study it concerned, the status answered, and hands it to the
 * {@link AuditWriter}, which appends it to the trail.
 *
 * <p>It never fails the request: by the time an exchange is recorded it has been answered. The trail lives in the
 * database that also answers every audited request (the index, the quarantine, the trail itself), so an exchange
 * that could be served can, short of a failure in between, be recorded; one that cannot is logged at ERROR with
 * everything the row would have held.
 */
public final class AuditRecorder {

    private final AuditWriter writer;
    private final Clock clock;

    public AuditRecorder(AuditWriter writer, Clock clock) {
        this.writer = writer;
        this.clock = clock;
    }

    /**
     * @param studyInstanceUid the study the request concerned, or null
     * @param detail           why it failed, or null
     */
    public void record(HttpServletRequest request, AuditEventType type, int status, String studyInstanceUid,
            String detail) {
        Jwt token = currentToken();
        AuditEvent event = new AuditEvent(clock.instant(), type, AuditOutcome.ofHttpStatus(status),
                token == null ? null : token.getSubject(),
                token == null ? null : token.getClaimAsString("preferred_username"),
                token == null ? null : currentRoles(),
                token == null ? null : token.getClaimAsString("site"),
                request.getRemoteAddr(), requestLine(request), studyInstanceUid, status, detail);
        writer.submit(event);
    }

    private static Jwt currentToken() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof Jwt jwt ? jwt : null;
    }

    private static String currentRoles() {
        return SiteAccess.currentRoles().stream().sorted().collect(Collectors.joining(","));
    }

    private static String requestLine(HttpServletRequest request) {
        String query = request.getQueryString();
        return request.getMethod() + " " + request.getRequestURI() + (query == null ? "" : "?" + query);
    }
}
