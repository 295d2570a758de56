package io.vigie.config;

import io.vigie.anonymizer.SiteSecret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the site secret: from configuration when given, else from {@code <dataDir>/secrets/site-secret}, created
 * with 256 random bits on first start. Losing it unlinks every later scan from earlier ones, so it must be backed up.
 */
final class SiteSecrets {

    private static final Logger log = LoggerFactory.getLogger(SiteSecrets.class);

    private SiteSecrets() {
    }

    static SiteSecret load(VigieProperties properties) throws IOException {
        String configured = properties.deidentification().siteSecret();
        if (!configured.isBlank()) {
            return new SiteSecret(Base64.getDecoder().decode(configured.trim()));
        }
        Path file = properties.dataDir().resolve("secrets/site-secret");
        if (Files.exists(file)) {
            return new SiteSecret(Base64.getDecoder().decode(Files.readString(file).trim()));
        }
        byte[] secret = new byte[SiteSecret.MIN_BYTES];
        new SecureRandom().nextBytes(secret);
        Files.createDirectories(file.getParent());
        Files.writeString(file, Base64.getEncoder().encodeToString(secret));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        log.warn("generated a new site secret in {}: back it up, pseudonyms depend on it", file.toAbsolutePath());
        return new SiteSecret(secret);
    }
}
