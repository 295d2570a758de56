package io.vigie.security;

import io.vigie.archive.audit.AuditEventType;
import io.vigie.audit.AuditRecorder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * 401: no bearer token, or one that is not valid (expired, another issuer, a bad signature, no signature). The
 * response keeps the {@code WWW-Authenticate: Bearer ...} challenge of RFC 6750 and carries a problem body; the
 * refusal is audited as a failed User Authentication.
 */
final class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

    private final BearerTokenAuthenticationEntryPoint challenge = new BearerTokenAuthenticationEntryPoint();
    private final AuditRecorder audit;

    ProblemAuthenticationEntryPoint(AuditRecorder audit) {
        this.audit = audit;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException refusal)
            throws IOException {
        String reason = refusal instanceof OAuth2AuthenticationException invalid
                ? "the bearer token is not valid: " + invalid.getError().getDescription()
                : "a bearer token is required";
        audit.record(request, AuditEventType.USER_AUTHENTICATION, HttpStatus.UNAUTHORIZED.value(), null, reason);
        challenge.commence(request, response, refusal);
        ProblemJson.write(request, response, HttpStatus.UNAUTHORIZED, reason);
    }
}
