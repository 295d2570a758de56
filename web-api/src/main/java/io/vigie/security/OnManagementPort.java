package io.vigie.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.env.Environment;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Matches a request for one path that came in on the management server's own port ({@code management.server.port}).
 * The Prometheus endpoint is open there, because a scraper has no token; the port is kept off public networks
 * instead (docs/architecture.md, Metrics). Should management ever share the API's port (Spring Boot then makes
 * {@code local.management.port} an alias of {@code local.server.port}), nothing matches, and the metrics fall under
 * "deny everything else": closed, not open.
 */
final class OnManagementPort implements RequestMatcher {

    private final Environment environment;
    private final RequestMatcher path;

    OnManagementPort(Environment environment, String path) {
        this.environment = environment;
        this.path = PathPatternRequestMatcher.withDefaults().matcher(path);
    }

    @Override
    public boolean matches(HttpServletRequest request) {
        // Read at each request: with port 0 the actual port is known only once the management server has started.
        String managementPort = environment.getProperty("local.management.port");
        return managementPort != null && !managementPort.equals(environment.getProperty("local.server.port"))
                && managementPort.equals(String.valueOf(request.getLocalPort())) && path.matches(request);
    }
}
