package io.vigie.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

class VerifiedTokenCacheTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    /** What the wrapped decoder was asked, in order. */
    private final List<String> verifications = new ArrayList<>();
    private Instant now = NOW;
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    /** Accepts tokens named "good-*" (expiring 5 minutes after NOW, or never for "good-no-exp"), refuses others. */
    private final JwtDecoder issuer = token -> {
        verifications.add(token);
        if (!token.startsWith("good-")) {
            throw new BadJwtException("signature does not verify");
        }
        Jwt.Builder jwt = Jwt.withTokenValue(token).header("alg", "RS256").subject(token).issuedAt(NOW);
        if (!token.equals("good-no-exp")) {
            jwt.expiresAt(NOW.plus(Duration.ofMinutes(5)));
        }
        return jwt.build();
    };

    private final VerifiedTokenCache cache = new VerifiedTokenCache(issuer, 100, Duration.ofMinutes(10), clock);

    @Test
    void aTokenIsVerifiedOnceWhileItLasts() {
        Jwt first = cache.decode("good-a");
        Jwt again = cache.decode("good-a");

        assertThat(again).isSameAs(first);
        assertThat(verifications).containsExactly("good-a");
    }

    @Test
    void aTokenDifferingByOneCharacterIsVerifiedInFull() {
        cache.decode("good-a");

        assertThatThrownBy(() -> cache.decode("good-a".replace('g', 'G'))).isInstanceOf(BadJwtException.class);
        assertThat(verifications).containsExactly("good-a", "Good-a");
    }

    @Test
    void aRefusedTokenIsNeverRemembered() {
        assertThatThrownBy(() -> cache.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> cache.decode("forged")).isInstanceOf(BadJwtException.class);

        assertThat(verifications).containsExactly("forged", "forged");
    }

    @Test
    void anExpiredTokenGoesBackToTheDecoder() {
        cache.decode("good-a");
        now = NOW.plus(Duration.ofMinutes(5));

        cache.decode("good-a");

        assertThat(verifications).containsExactly("good-a", "good-a");
    }

    @Test
    void aTokenWithoutExpiryIsNotRemembered() {
        cache.decode("good-no-exp");
        cache.decode("good-no-exp");

        assertThat(verifications).containsExactly("good-no-exp", "good-no-exp");
    }
}
