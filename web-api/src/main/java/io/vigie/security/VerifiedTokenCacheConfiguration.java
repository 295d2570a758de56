package io.vigie.security;

import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Puts a {@link VerifiedTokenCache} in front of the application's token decoder, whichever it is: the development
 * issuer's, or the one Spring Boot builds for Keycloak from {@code issuer-uri} (with its audiences and algorithms,
 * which wrapping keeps).
 */
@Configuration(proxyBeanMethods = false)
class VerifiedTokenCacheConfiguration {

    /** Tokens of this many sessions at once; Keycloak's access tokens live 5 minutes by default. */
    private static final long MAXIMUM_TOKENS = 10_000;
    private static final Duration MAXIMUM_AGE = Duration.ofMinutes(10);

    @Bean
    static BeanPostProcessor verifiedTokenCache() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof JwtDecoder decoder && !(bean instanceof VerifiedTokenCache)) {
                    return new VerifiedTokenCache(decoder, MAXIMUM_TOKENS, MAXIMUM_AGE, Clock.systemUTC());
                }
                return bean;
            }
        };
    }
}
