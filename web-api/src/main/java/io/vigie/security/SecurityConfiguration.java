package io.vigie.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Every endpoint needs a bearer JWT with one of Vigie's realm roles, except health and the development token
 * endpoint; {@code /admin/**} (the quarantine, duplicate conflicts) needs {@code admin}; anything not listed here is
 * denied.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http) throws Exception {
        JwtAuthenticationConverter authentication = new JwtAuthenticationConverter();
        authentication.setJwtGrantedAuthoritiesConverter(new RealmRolesConverter());
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/error").permitAll()
                        .requestMatchers(HttpMethod.POST, DevIssuerController.TOKEN_PATH).permitAll()
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
