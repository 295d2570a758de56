package io.vigie.audit;

import io.vigie.archive.audit.AuditEventType;
import io.vigie.security.EndpointPolicy;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Records every request a controller handled, as the event its endpoint names in {@link EndpointPolicy}: WADO-RS
 * retrieves, QIDO-RS queries, administrators' reads, token issuance. Requests refused before any controller (401,
 * 403) are recorded by the security handlers instead.
 *
 * <p>{@code afterCompletion} runs once per request, after the answer (for a streamed WADO-RS answer, once the
 * stream is written), so the outcome recorded is the one the client got.
 */
final class AuditInterceptor implements HandlerInterceptor {

    private final AuditRecorder recorder;

    AuditInterceptor(AuditRecorder recorder) {
        this.recorder = recorder;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
            Exception failure) {
        EndpointPolicy.endpointFor(request).filter(endpoint -> endpoint.audit() != null).ifPresent(endpoint -> {
            int status = failure == null ? response.getStatus() : HttpStatus.INTERNAL_SERVER_ERROR.value();
            String detail = failure == null ? attribute(request, AuditAttributes.DETAIL) : failure.toString();
            AuditEventType type = request.getAttribute(AuditAttributes.EVENT) instanceof AuditEventType instead
                    ? instead : endpoint.audit();
            recorder.record(request, type, status, study(request), detail);
        });
    }

    private static String study(HttpServletRequest request) {
        return request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables
                && variables.get("study") instanceof String study ? study : attribute(request, AuditAttributes.STUDY);
    }

    /** What the controller set (see {@link AuditAttributes}), or null. */
    private static String attribute(HttpServletRequest request, String name) {
        return request.getAttribute(name) instanceof String value ? value : null;
    }
}
