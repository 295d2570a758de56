package io.vigie.config;

import io.vigie.anonymizer.SiteSecret;
import io.vigie.anonymizer.vault.VaultCipher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the site's keys: each from configuration when given, else from a file under {@code <dataDir>/secrets},
 * created with 256 random bits (owner-only permissions) on first start. Both must be backed up: losing the site
 * secret unlinks every later scan from earlier ones; losing the vault key makes every sealed original unreadable.
 */
final class SiteSecrets {

    private static final Logger log = LoggerFactory.getLogger(SiteSecrets.class);

    /** Site ids name files and vault rows: keep them plain. */
    private static final Pattern SITE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private SiteSecrets() {
    }

    /** The pseudonym key: {@code vigie.deidentification.site-secret}, else {@code secrets/site-secret}. */
    static SiteSecret load(VigieProperties properties) throws IOException {
        return new SiteSecret(configuredOrGenerated(properties.deidentification().siteSecret(),
                "vigie.deidentification.site-secret", properties.dataDir().resolve("secrets/site-secret"),
                SiteSecret.MIN_BYTES, "pseudonyms depend on it"));
    }

    /**
     * The pseudonym key of {@code site}: the default site's (above), else {@code vigie.sites.<site>.site-secret},
     * else {@code secrets/site-secret-<site>}. Each site has its own, so two hospitals' pseudonyms never link.
     */
    static SiteSecret load(VigieProperties properties, String site) throws IOException {
        if (site.equals(properties.deidentification().siteId())) {
            VigieProperties.SiteSettings own = properties.sites().get(site);
            if (own != null && !own.siteSecret().isBlank()) { // its research consent may be set there
                throw new IllegalArgumentException("vigie.sites." + site + " is the default site: set its secret in "
                        + "vigie.deidentification.site-secret");
            }
            return load(properties);
        }
        if (!SITE_ID.matcher(site).matches()) {
            throw new IllegalArgumentException("site id must be letters, digits, '.', '_' or '-': " + site);
        }
        VigieProperties.SiteSettings settings = properties.sites().get(site);
        return new SiteSecret(configuredOrGenerated(settings == null ? "" : settings.siteSecret(),
                "vigie.sites." + site + ".site-secret",
                properties.dataDir().resolve("secrets/site-secret-" + site), SiteSecret.MIN_BYTES,
                "pseudonyms of site " + site + " depend on it"));
    }

    /** The vault key: {@code vigie.deidentification.vault-key}, else {@code secrets/vault-key}. */
    static VaultCipher vaultCipher(VigieProperties properties) throws IOException {
        return new VaultCipher(configuredOrGenerated(properties.deidentification().vaultKey(),
                "vigie.deidentification.vault-key", properties.dataDir().resolve("secrets/vault-key"),
                VaultCipher.KEY_BYTES, "the re-identification vault opens only with it; keep it apart from the "
                        + "database backups"));
    }

    private static byte[] configuredOrGenerated(String configured, String setting, Path file, int bytes,
            String whyBackUp) throws IOException {
        if (!configured.isBlank()) {
            return decode(configured, setting);
        }
        if (Files.exists(file)) {
            return decode(Files.readString(file), file.toString());
        }
        byte[] secret = new byte[bytes];
        new SecureRandom().nextBytes(secret);
        Files.createDirectories(file.getParent());
        Files.writeString(file, Base64.getEncoder().encodeToString(secret));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        log.warn("generated a new key in {}: back it up, {}", file.toAbsolutePath(), whyBackUp);
        return secret;
    }

    private static byte[] decode(String base64, String source) {
        try {
            return Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + " is not valid base64: " + e.getMessage(), e);
        }
    }
}
