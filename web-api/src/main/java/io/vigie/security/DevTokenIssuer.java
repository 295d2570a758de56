package io.vigie.security;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * The development issuer of the default local run: signs Keycloak-shaped tokens (realm roles, site claim) with an
 * RSA key made at start-up, so that the API can be tried with no identity server. Never enabled in production, where
 * tokens come from Keycloak.
 */
public final class DevTokenIssuer {

    public static final String ISSUER = "urn:vigie:dev-issuer";

    private final RSAPublicKey publicKey;
    private final NimbusJwtEncoder encoder;
    private final String keyId = UUID.randomUUID().toString();

    public DevTokenIssuer() {
        KeyPair keyPair = rsaKeyPair();
        this.publicKey = (RSAPublicKey) keyPair.getPublic();
        RSAKey key = new RSAKey.Builder(publicKey).privateKey((RSAPrivateKey) keyPair.getPrivate())
                .keyID(keyId).build();
        this.encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)));
    }

    public RSAPublicKey publicKey() {
        return publicKey;
    }

    /** A signed access token for {@code username} holding one realm role at one site. */
    public String issue(String username, String role, String site, Duration lifetime) {
        Instant now = Instant.now();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(ISSUER)
                .subject(username)
                .issuedAt(now)
                .expiresAt(now.plus(lifetime))
                .id(UUID.randomUUID().toString())
                .claim("preferred_username", username)
                .claim("realm_access", Map.of("roles", List.of(role)))
                .claim("site", site)
                .build();
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(keyId).build();
        return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }

    private static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is part of every JDK", e);
        }
    }
}
