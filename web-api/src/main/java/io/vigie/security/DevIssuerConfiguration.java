package io.vigie.security;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * With {@code vigie.security.dev-issuer.enabled=true} (the default local run) tokens are verified against the
 * development issuer's key; otherwise Spring Boot builds the decoder from
 * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} (Keycloak).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "vigie.security.dev-issuer", name = "enabled", havingValue = "true")
class DevIssuerConfiguration {

    static final String KEYCLOAK_ISSUER = "spring.security.oauth2.resourceserver.jwt.issuer-uri";

    DevIssuerConfiguration(Environment environment) {
        if (environment.containsProperty(KEYCLOAK_ISSUER)) {
            throw new IllegalStateException("both the development issuer and " + KEYCLOAK_ISSUER + " are set: "
                    + "set vigie.security.dev-issuer.enabled=false when tokens come from Keycloak");
        }
    }

    @Bean
    DevTokenIssuer devTokenIssuer() {
        return new DevTokenIssuer();
    }

    @Bean
    JwtDecoder jwtDecoder(DevTokenIssuer issuer) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(issuer.publicKey()).build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(DevTokenIssuer.ISSUER));
        decoder.setClaimSetConverter(IssuerAsText.claimSetConverter());
        return decoder;
    }
}
