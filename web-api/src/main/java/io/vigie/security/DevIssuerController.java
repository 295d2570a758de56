package io.vigie.security;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code POST /dev-issuer/token}: a token for the development run, answered only to callers on this machine.
 * Exists only while the development issuer is enabled.
 */
@RestController
@ConditionalOnProperty(prefix = "vigie.security.dev-issuer", name = "enabled", havingValue = "true")
class DevIssuerController {

    static final String TOKEN_PATH = "/dev-issuer/token";
    private static final Duration LIFETIME = Duration.ofHours(8);

    private final DevTokenIssuer issuer;
    private final String defaultSite;

    /** @param defaultSite the site a token is of when none is asked for: the default site's studies are its own */
    DevIssuerController(DevTokenIssuer issuer,
            @Value("${vigie.deidentification.site-id:local}") String defaultSite) {
        this.issuer = issuer;
        this.defaultSite = defaultSite;
    }

    @PostMapping(TOKEN_PATH)
    Map<String, Object> token(HttpServletRequest request,
            @RequestParam(defaultValue = Roles.RADIOLOGIST) String role,
            @RequestParam(required = false) String username,
            @RequestParam(required = false) String site) throws UnknownHostException {
        if (!InetAddress.getByName(request.getRemoteAddr()).isLoopbackAddress()) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "the development issuer answers loopback only");
        }
        if (!Roles.ALL.contains(role)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "role must be one of " + Roles.ALL);
        }
        String subject = username == null || username.isBlank() ? "dev-" + role : username;
        return Map.of(
                "access_token", issuer.issue(subject, role, site == null || site.isBlank() ? defaultSite : site,
                        LIFETIME),
                "token_type", "Bearer",
                "expires_in", LIFETIME.toSeconds());
    }
}
