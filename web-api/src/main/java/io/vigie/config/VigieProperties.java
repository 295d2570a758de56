package io.vigie.config;

import io.vigie.archive.DuplicatePolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Vigie's own settings ({@code vigie.*} in application.yml). The defaults run everything in one process with an
 * embedded database and a development token issuer, so that a fresh clone starts with no setup.
 *
 * @param dataDir  where files, the embedded database and generated secrets live
 * @param roles    which parts this process runs: {@code ingest} (DICOM gateway, series completion), {@code api}
 *                 (HTTP API)
 */
@ConfigurationProperties("vigie")
public record VigieProperties(
        @DefaultValue("./vigie-data") Path dataDir,
        @DefaultValue({"ingest", "api"}) Set<String> roles,
        @DefaultValue Dicom dicom,
        @DefaultValue Deidentification deidentification,
        @DefaultValue Database database,
        @DefaultValue ArchiveSettings archive,
        @DefaultValue Ingest ingest,
        @DefaultValue Jobs jobs) {

    /**
     * @param aeTitle         the gateway's AE title
     * @param bindAddress     the interface the gateway listens on
     * @param port            the DICOM port; 0 picks a free one (tests)
     * @param maxAssociations associations served at once
     * @param maxPduLength    the largest PDU offered to senders
     */
    public record Dicom(
            @DefaultValue("VIGIE") String aeTitle,
            @DefaultValue("0.0.0.0") String bindAddress,
            @DefaultValue("11112") int port,
            @DefaultValue("32") int maxAssociations,
            @DefaultValue("65536") int maxPduLength) {
    }

    /**
     * @param siteSecret the site's pseudonym key, base64 (at least 32 bytes); when empty one is generated on first
     *                   start and kept in {@code <dataDir>/secrets/site-secret}
     * @param uidRoot    the root of remapped UIDs
     * @param siteId     this site's id in the re-identification vault (several sites may share one database)
     * @param vaultKey   the AES-256 key sealing the originals in the vault, base64 (exactly 32 bytes); when empty one
     *                   is generated on first start and kept in {@code <dataDir>/secrets/vault-key}
     * @param profile    a YAML de-identification profile file; empty for the built-in research profile
     */
    public record Deidentification(
            @DefaultValue("") String siteSecret,
            @DefaultValue("2.25") String uidRoot,
            @DefaultValue("local") String siteId,
            @DefaultValue("") String vaultKey,
            @DefaultValue("") String profile) {
    }

    /**
     * @param embedded start an embedded PostgreSQL 17 under {@code <dataDir>/postgres}; set false and give
     *                 {@code spring.datasource.*} to use a real server
     */
    public record Database(@DefaultValue("true") boolean embedded) {
    }

    /**
     * @param duplicatePolicy what to answer an instance received under an archived SOP Instance UID with other
     *                        content: {@code keep-first} (Success, the stored one is kept) or {@code reject} (failure
     *                        C001); either way it is logged and listed in {@code GET /admin/duplicate-conflicts}
     */
    public record ArchiveSettings(@DefaultValue("keep-first") DuplicatePolicy duplicatePolicy) {
    }

    /**
     * @param seriesQuietPeriod   a series is complete once no instance has arrived in it for this long
     * @param seriesCheckInterval how often the ingest role looks for newly complete series
     */
    public record Ingest(
            @DefaultValue("30s") Duration seriesQuietPeriod,
            @DefaultValue("5s") Duration seriesCheckInterval) {
    }

    /**
     * The job queue that complete series feed (detection, for CT).
     *
     * @param maxAttempts    attempts a job gets before it is dead (kept, with its last error, for an administrator)
     * @param initialBackoff the wait before retrying after a first failure; it doubles with each further failure
     * @param maxBackoff     the longest wait between attempts
     * @param leaseTimeout   a running job whose worker has not completed, failed or extended it for this long is
     *                       taken back (the worker is presumed dead)
     */
    public record Jobs(
            @DefaultValue("5") int maxAttempts,
            @DefaultValue("30s") Duration initialBackoff,
            @DefaultValue("1h") Duration maxBackoff,
            @DefaultValue("10m") Duration leaseTimeout) {
    }
}
