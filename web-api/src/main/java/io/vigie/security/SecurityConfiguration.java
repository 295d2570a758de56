package io.vigie.security;

import io.vigie.audit.AuditRecorder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Admits exactly the endpoints of {@link EndpointPolicy}, each to its roles, and denies everything else; besides
 * them only the Prometheus metrics, on the management port alone (its own server goes through this same chain).
 * Tokens are bearer JWTs whose realm roles ({@code realm_access.roles}) become authorities. Refusals answer RFC 9457
 * problems and are audited.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication // not for the audit verify command, which serves nothing
class SecurityConfiguration {

    /**
     * No Micrometer observation around each security filter, nor around authentication and authorization: with an
     * observation registry present, Spring Security would otherwise open and close one per filter of the chain on
     * every request, which was the largest share of a small request's CPU. Each request is still observed once, as
     * {@code http.server.requests}, and every refusal is in the audit trail.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, AuditRecorder audit, Environment environment)
            throws Exception {
        JwtAuthenticationConverter authentication = new JwtAuthenticationConverter();
        authentication.setJwtGrantedAuthoritiesConverter(new RealmRolesConverter());
        ProblemAuthenticationEntryPoint unauthorized = new ProblemAuthenticationEntryPoint(audit);
        ProblemAccessDeniedHandler forbidden = new ProblemAccessDeniedHandler(audit);
        http.authorizeHttpRequests(requests -> {
                    // Not an MVC endpoint: the management server's, and only on its port (see Metrics).
                    requests.requestMatchers(new OnManagementPort(environment, "/actuator/prometheus")).permitAll();
                    for (EndpointPolicy.Endpoint endpoint : EndpointPolicy.ENDPOINTS) {
                        var admitted = requests.requestMatchers(endpoint.method(), endpoint.path());
                        if (endpoint.isPublic()) {
                            admitted.permitAll();
                        } else {
                            admitted.hasAnyRole(endpoint.roles().toArray(String[]::new));
                        }
                    }
                    requests.anyRequest().denyAll();
                })
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(authentication))
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable()) // bearer tokens only, no cookies: nothing for CSRF to ride on
                // Stateless: no session to log out of (the default filter answered /logout with a redirect to a
                // login page that does not exist, outside the policy and unaudited), and no request to save for
                // after a login.
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable());
        return http.build();
    }
}
