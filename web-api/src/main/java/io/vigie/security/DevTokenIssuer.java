package io.vigie.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The development issuer of the default local run: signs Keycloak-shaped tokens (realm roles, site claim) with an
 * RSA key made at start-up, so that the API can be tried with no identity server. Never enabled in production, where
 * tokens come from Keycloak.
 */
public final class DevTokenIssuer {

    public static final String ISSUER = "urn:vigie:dev-issuer";

    private final RSAKey key;

    public DevTokenIssuer() {
        KeyPair keyPair = rsaKeyPair();
        this.key = new RSAKey.Builder((RSAPublicKey) keyPair.getPublic())
                .privateKey((RSAPrivateKey) keyPair.getPrivate())
                .keyID(UUID.randomUUID().toString()).build();
    }

    public RSAPublicKey publicKey() {
        try {
            return key.toRSAPublicKey();
        } catch (JOSEException e) {
            throw new IllegalStateException("the key was made here as RSA", e);
        }
    }

    /** A signed access token for {@code username} holding one realm role at one site. */
    public String issue(String username, String role, String site, Duration lifetime) {
        return sign(claims(username, role, site, lifetime).build());
    }

    /** The claims {@link #issue} signs, to be adjusted (tests make expired tokens and foreign issuers with it). */
    public JWTClaimsSet.Builder claims(String username, String role, String site, Duration lifetime) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(username)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString())
                .claim("preferred_username", username)
                .claim("realm_access", Map.of("roles", List.of(role)))
                .claim("site", site);
    }

    /** Signs any claims with this issuer's key (RS256). */
    public String sign(JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign with the development key", e);
        }
        return jwt.serialize();
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
