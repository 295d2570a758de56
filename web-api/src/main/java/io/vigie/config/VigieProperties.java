package io.vigie.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Vigie's own settings ({@code vigie.*} in application.yml). The defaults run everything in one process with an
 * embedded database and a development token issuer, so that a fresh clone starts with no setup.
 *
 * @param dataDir  where files, the embedded database and generated secrets live
 * @param roles    which parts this process runs: {@code ingest} (DICOM gateway), {@code api} (HTTP API)
 */
@ConfigurationProperties("vigie")
public record VigieProperties(
        @DefaultValue("./vigie-data") Path dataDir,
        @DefaultValue({"ingest", "api"}) Set<String> roles,
        @DefaultValue Dicom dicom,
        @DefaultValue Deidentification deidentification,
        @DefaultValue Database database) {

    /**
     * @param aeTitle         the gateway's AE title
     * @param bindAddress     the interface the gateway listens on
     * @param port            the DICOM port; 0 picks a free one (tests)
     * @param maxAssociations associations served at once
     * @param maxPduLength    the largest PDU offered to senders; a longer one aborts the association
     * @param readTimeout     an association silent this long, or one PDU taking longer to arrive, is aborted
     * @param maxDataSetSize  the largest data set accepted (each is held in memory, about three times over, while
     *                        it is de-identified); a larger one is answered A700
     */
    public record Dicom(
            @DefaultValue("VIGIE") String aeTitle,
            @DefaultValue("0.0.0.0") String bindAddress,
            @DefaultValue("11112") int port,
            @DefaultValue("32") int maxAssociations,
            @DefaultValue("65536") int maxPduLength,
            @DefaultValue("60s") Duration readTimeout,
            @DefaultValue("512MB") DataSize maxDataSetSize) {
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
}
