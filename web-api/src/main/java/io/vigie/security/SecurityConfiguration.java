package io.vigie.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Every endpoint needs a bearer JWT with one of Vigie's realm roles, except health, the Prometheus metrics on the
 * management port and the development token endpoint. Reading DICOMweb takes any role; storing (STOW-RS) takes
 * {@code radiologist} or {@code admin}, since it adds to the archive what researchers then see; {@code /admin/**}
 * (the quarantine, duplicate conflicts) takes {@code admin}; anything not listed here is denied. The management
 * server (its own port) goes through this same chain.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, Environment environment) throws Exception {
        JwtAuthenticationConverter authentication = new JwtAuthenticationConverter();
        authentication.setJwtGrantedAuthoritiesConverter(new RealmRolesConverter());
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/error").permitAll()
                        .requestMatchers(new OnManagementPort(environment, "/actuator/prometheus")).permitAll()
                        .requestMatchers(HttpMethod.POST, DevIssuerController.TOKEN_PATH).permitAll()
                        .requestMatchers(HttpMethod.POST, "/dicomweb/studies", "/dicomweb/studies/*")
                        .hasAnyRole(Roles.RADIOLOGIST, Roles.ADMIN)
                        .requestMatchers(HttpMethod.GET, "/dicomweb/**")
                        .hasAnyRole(Roles.RADIOLOGIST, Roles.RESEARCHER, Roles.ADMIN)
                        .requestMatchers(HttpMethod.GET, "/admin/**").hasRole(Roles.ADMIN)
                        .anyRequest().denyAll())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(authentication)))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable()); // bearer tokens only, no cookies: nothing for CSRF to ride on
        return http.build();
    }
}
