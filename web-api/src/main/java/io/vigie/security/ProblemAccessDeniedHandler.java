package io.vigie.security;

import io.vigie.archive.audit.AuditEventType;
import io.vigie.audit.AuditRecorder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.TreeSet;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * 403: a valid token whose roles do not admit the request, or a request for no endpoint of {@link EndpointPolicy}
 * (denied by default). Problem body, RFC 6750 challenge, and a Security Alert in the audit trail.
 */
final class ProblemAccessDeniedHandler implements AccessDeniedHandler {

    private final BearerTokenAccessDeniedHandler challenge = new BearerTokenAccessDeniedHandler();
    private final AuditRecorder audit;

    ProblemAccessDeniedHandler(AuditRecorder audit) {
        this.audit = audit;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException refusal)
            throws IOException {
        String reason = EndpointPolicy.endpointFor(request)
                .map(endpoint -> "this request needs one of the roles " + new TreeSet<>(endpoint.roles()))
                .orElse("no such endpoint: anything not listed in Vigie's endpoint policy is denied");
        audit.record(request, AuditEventType.SECURITY_ALERT, HttpStatus.FORBIDDEN.value(), null, reason);
        challenge.handle(request, response, refusal);
        ProblemJson.write(request, response, HttpStatus.FORBIDDEN, reason);
    }
}
