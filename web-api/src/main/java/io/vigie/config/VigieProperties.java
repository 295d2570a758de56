package io.vigie.config;

import io.vigie.archive.DuplicatePolicy;
import io.vigie.archive.storage.S3Settings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Vigie's own settings ({@code vigie.*} in application.yml). The defaults run everything in one process with an
 * embedded database and a development token issuer, so that a fresh clone starts with no setup.
 *
 * @param dataDir  where files, the embedded database and generated secrets live
 * @param roles    which parts this process runs: {@code ingest} (the store pipeline: DICOM gateway and STOW-RS;
 *                 series completion), {@code api} (QIDO-RS, WADO-RS, the admin API, findings for radiologists),
 *                 {@code inference} (the detection workers)
 * @param inference the detection workers: the model and how many workers
 * @param storage  where the archive's files live
 * @param dicomweb DICOMweb settings
 * @param sites    per site (hospital) id: the pseudonym secret of a site named by {@code vigie.dicom.peers} (the
 *                 default site's is {@code vigie.deidentification.site-secret}), and whether it consented to
 *                 research ({@code research-consent}, any site, the default one too)
 */
@ConfigurationProperties("vigie")
public record VigieProperties(
        @DefaultValue("./vigie-data") Path dataDir,
        @DefaultValue({"ingest", "api", "inference"}) Set<String> roles,
        @DefaultValue Dicom dicom,
        @DefaultValue Deidentification deidentification,
        @DefaultValue Database database,
        @DefaultValue ArchiveSettings archive,
        @DefaultValue Ingest ingest,
        @DefaultValue Jobs jobs,
        @DefaultValue Storage storage,
        @DefaultValue Dicomweb dicomweb,
        @DefaultValue Map<String, SiteSettings> sites,
        @DefaultValue Inference inference) {

    @ConstructorBinding
    public VigieProperties {
        sites = sites == null ? Map.of() : Map.copyOf(sites);
    }

    /**
     * Every site this deployment serves: the default site ({@code deidentification.site-id}) first, then each site
     * named by a peer, then those under {@code sites}.
     *
     * @throws IllegalArgumentException for a peer without a site
     */
    public Set<String> siteIds() {
        Set<String> ids = new LinkedHashSet<>();
        ids.add(deidentification.siteId().strip());
        dicom.peers().forEach(peer -> ids.add(DicomPeers.site(peer)));
        ids.addAll(sites.keySet());
        return ids;
    }

    /** Settings of the default role set, with no per-site secrets. */
    public VigieProperties(Path dataDir, Set<String> roles, Dicom dicom, Deidentification deidentification,
            Database database, ArchiveSettings archive, Ingest ingest, Jobs jobs, Storage storage,
            Dicomweb dicomweb) {
        this(dataDir, roles, dicom, deidentification, database, archive, ingest, jobs, storage, dicomweb, Map.of(),
                new Inference(Path.of("models"), "lung-nodule:1", 1, Duration.ofSeconds(2)));
    }

    /**
     * @param aeTitle         the gateway's AE title
     * @param bindAddress     the interface the gateway listens on
     * @param port            the DICOM port; 0 picks a free one (tests)
     * @param maxAssociations associations served at once
     * @param maxPduLength    the largest PDU offered to senders; a longer one aborts the association
     * @param readTimeout     an association silent this long, or one PDU taking longer to arrive, is aborted; a
     *                        C-MOVE destination silent this long fails the remaining sub-operations
     * @param maxDataSetSize  the largest data set accepted (each is held in memory, about three times over, while
     *                        it is de-identified); a larger one is answered A700
     * @param moveDestinations the DICOM nodes C-MOVE may send to (viewers, research PACS); a C-MOVE to any other AE
     *                         title is refused
     * @param peers           the known calling AEs, each with the hosts it may connect from and its site
     * @param acceptUnknownPeers accept calling AE titles not in {@code peers}, as the default site (development
     *                         default); false in production, where unknown AEs are rejected
     * @param tls             the optional DICOM TLS port
     * @param warmUpInstances synthetic CT slices run through the store path's computations before the gateway
     *                        listens, writing nothing ({@code IngestWarmUp}); 0 for none
     */
    public record Dicom(
            @DefaultValue("VIGIE") String aeTitle,
            @DefaultValue("0.0.0.0") String bindAddress,
            @DefaultValue("11112") int port,
            @DefaultValue("32") int maxAssociations,
            @DefaultValue("65536") int maxPduLength,
            @DefaultValue("60s") Duration readTimeout,
            @DefaultValue("512MB") DataSize maxDataSetSize,
            @DefaultValue List<MoveDestination> moveDestinations,
            @DefaultValue List<Peer> peers,
            @DefaultValue("true") boolean acceptUnknownPeers,
            @DefaultValue Tls tls,
            @DefaultValue("300") int warmUpInstances) {

        @ConstructorBinding
        public Dicom {
        }

        /** Without peers (any calling AE accepted) or TLS. */
        public Dicom(String aeTitle, String bindAddress, int port, int maxAssociations, int maxPduLength,
                Duration readTimeout, DataSize maxDataSetSize, List<MoveDestination> moveDestinations) {
            this(aeTitle, bindAddress, port, maxAssociations, maxPduLength, readTimeout, maxDataSetSize,
                    moveDestinations, List.of(), true, new Tls(false, 2762, "", "", "", "", "none"), 0);
        }
    }

    /**
     * A known sending or querying node.
     *
     * @param aeTitle      its calling AE title
     * @param allowedHosts the IP addresses or CIDR blocks it may connect from (e.g. {@code 10.1.2.3},
     *                     {@code 10.1.0.0/16}); from any other host the association is rejected
     * @param site         the site (hospital) whose pseudonym secret de-identifies what it sends
     * @param certificateSubject the subject its TLS client certificate must have (e.g. {@code CN=pacs.chu-a.fr,O=CHU
     *                     A}); when set, the peer is accepted only on the TLS port with that certificate
     */
    public record Peer(String aeTitle, @DefaultValue List<String> allowedHosts, String site,
            String certificateSubject) {
    }

    /**
     * The DICOM TLS port, beside the plain one.
     *
     * @param enabled            listen for TLS
     * @param port               the TLS port (2762 is DICOM's registered TLS port)
     * @param keyStore           PKCS12 file with the gateway's private key and certificate chain
     * @param keyStorePassword   its password
     * @param trustStore         PKCS12 file of the CAs client certificates must chain to (for {@code client-auth})
     * @param trustStorePassword its password
     * @param clientAuth         {@code none}, {@code want} (checked when sent) or {@code need} (required)
     */
    public record Tls(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("2762") int port,
            @DefaultValue("") String keyStore,
            @DefaultValue("") String keyStorePassword,
            @DefaultValue("") String trustStore,
            @DefaultValue("") String trustStorePassword,
            @DefaultValue("none") String clientAuth) {

        /** Bound properties can end up in logs and actuator output: never with the passwords. */
        @Override
        public String toString() {
            return "Tls[enabled=" + enabled + ", port=" + port + ", keyStore=" + keyStore + ", trustStore="
                    + trustStore + ", clientAuth=" + clientAuth + "]";
        }
    }

    /**
     * @param siteSecret      the site's pseudonym key, base64 (at least 32 bytes); when empty one is generated on
     *                        first start and kept in {@code <dataDir>/secrets/site-secret-<site>}. Not for the
     *                        default site, whose key is {@code vigie.deidentification.site-secret}
     * @param researchConsent the site consented to its de-identified data being used for research: only then do
     *                        researchers see its studies (DICOMweb and the research API)
     */
    public record SiteSettings(@DefaultValue("") String siteSecret, @DefaultValue("false") boolean researchConsent) {

        @Override
        public String toString() {
            return "SiteSettings[siteSecret=" + (siteSecret.isEmpty() ? "" : "(hidden)") + ", researchConsent="
                    + researchConsent + "]";
        }
    }

    /** A C-MOVE destination: the AE title a client names, and where that node listens. */
    public record MoveDestination(String aeTitle, String host, int port) {
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

    /**
     * The archive's file store. Quarantined files are not part of it: they stay under {@code <dataDir>/quarantine}
     * whatever the backend, because they hold identified data as received, which must not leave this node.
     *
     * @param backend {@code local} (files under {@code <dataDir>/archive}) or {@code s3} (a bucket, below)
     * @param s3      the bucket, when the backend is {@code s3}
     */
    public record Storage(@DefaultValue("local") Backend backend, @DefaultValue S3 s3) {

        public enum Backend { LOCAL, S3 }
    }

    /**
     * An S3 bucket (AWS, or an S3-compatible server such as MinIO or Ceph RGW).
     *
     * @param endpoint          the server's URL; empty for AWS S3, whose endpoint follows from the region
     * @param region            the bucket's region
     * @param bucket            the bucket, which must exist (start-up checks that it can be reached)
     * @param prefix            a key prefix inside the bucket; empty for none
     * @param pathStyle         address buckets as {@code host/bucket} rather than {@code bucket.host}: most
     *                          S3-compatible servers need it
     * @param accessKey         with {@code secretKey}: fixed credentials; both empty for the AWS SDK's default chain
     *                          (environment, profile files, instance or container role)
     * @param secretKey         see {@code accessKey}
     * @param conditionalWrites the server refuses a PUT with {@code If-None-Match: *} on an existing key (AWS S3,
     *                          recent MinIO and Ceph); false: a HEAD before each PUT, which two concurrent writers of
     *                          the same key can both pass
     */
    public record S3(
            @DefaultValue("") String endpoint,
            @DefaultValue("us-east-1") String region,
            @DefaultValue("") String bucket,
            @DefaultValue("") String prefix,
            @DefaultValue("false") boolean pathStyle,
            @DefaultValue("") String accessKey,
            @DefaultValue("") String secretKey,
            @DefaultValue("true") boolean conditionalWrites) {

        public S3Settings settings() {
            if (bucket.isBlank()) {
                throw new IllegalStateException("vigie.storage.backend is s3: set vigie.storage.s3.bucket");
            }
            return new S3Settings(endpoint.isBlank() ? null : URI.create(endpoint.strip()), region, bucket, prefix,
                    pathStyle, emptyToNull(accessKey), emptyToNull(secretKey), conditionalWrites);
        }

        /** Bound properties can end up in logs and actuator output: never with the secret key. */
        @Override
        public String toString() {
            return "S3[endpoint=" + endpoint + ", region=" + region + ", bucket=" + bucket + ", prefix=" + prefix
                    + ", pathStyle=" + pathStyle + ", accessKey=" + accessKey + ", secretKey="
                    + (secretKey.isEmpty() ? "" : "(hidden)") + ", conditionalWrites=" + conditionalWrites + "]";
        }

        private static String emptyToNull(String value) {
            return value == null || value.isBlank() ? null : value;
        }
    }

    /**
     * @param stow              STOW-RS, the HTTP door into the store pipeline
     * @param socketWriteBuffer the most bytes Tomcat hands the socket in one write, for every HTTP answer. Tomcat's
     *                          own default, 8 KB, sends a 0.5 MB CT slice in 64 writes; each open connection holds
     *                          one such buffer
     */
    public record Dicomweb(@DefaultValue Stow stow, @DefaultValue("128KB") DataSize socketWriteBuffer) {
    }

    /**
     * @param maxRequestSize the largest STOW-RS request body; a larger one is refused with 413. Parts are read and
     *                       stored one at a time, so memory holds one instance, not the request
     */
    public record Stow(@DefaultValue("512MB") DataSize maxRequestSize) {
    }

    /**
     * The detection workers of the {@code inference} role.
     *
     * @param modelsDir    the folder of models: {@code <modelsDir>/<name>/model.json} and its weights
     * @param model        the model the workers run, {@code name:version}; the role does not start without it
     * @param workers      worker threads in this process, each with its own copy of the model
     * @param pollInterval how often an idle worker looks for a job
     */
    public record Inference(
            @DefaultValue("models") Path modelsDir,
            @DefaultValue("lung-nodule:1") String model,
            @DefaultValue("1") int workers,
            @DefaultValue("2s") Duration pollInterval) {

        public Inference {
            if (workers < 1) {
                throw new IllegalArgumentException("vigie.inference.workers must be at least 1: " + workers);
            }
        }
    }
}
