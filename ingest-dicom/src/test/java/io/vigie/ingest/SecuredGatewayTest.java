package io.vigie.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigie.anonymizer.DeidentificationProfile;
import io.vigie.anonymizer.Deidentifier;
import io.vigie.anonymizer.Pseudonyms;
import io.vigie.anonymizer.SiteSecret;
import io.vigie.anonymizer.vault.VaultCipher;
import io.vigie.archive.Archive;
import io.vigie.archive.ArchiveSchema;
import io.vigie.archive.DuplicatePolicy;
import io.vigie.archive.StudyQuery;
import io.vigie.archive.StudySummary;
import io.vigie.archive.duplicates.DuplicateConflicts;
import io.vigie.archive.index.ArchiveIndex;
import io.vigie.archive.quarantine.Quarantine;
import io.vigie.archive.storage.LocalFileStore;
import io.vigie.archive.vault.ReidentificationVault;
import io.vigie.dicom.DicomInstance;
import io.vigie.ingest.DicomTls.ClientAuth;
import io.vigie.ingest.policy.AddressRange;
import io.vigie.ingest.policy.Peer;
import io.vigie.ingest.query.QueryRetrieveService;
import io.vigie.testing.Dcmtk;
import io.vigie.testing.SharedData;
import io.vigie.testing.TestDatabase;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The association policy (known peers per site, A-ASSOCIATE-RJ reasons) and the DICOM TLS port, against dcmtk's
 * echoscu and storescu (built with OpenSSL), over loopback.
 */
class SecuredGatewayTest {

    private static final List<Path> SLICES = SharedData.lidcSlices("LIDC-IDRI-0001");
    private static final String PASSWORD = "changeit";
    private static final SiteSecret SECRET_A = secret(1);
    private static final SiteSecret SECRET_B = secret(2);

    @TempDir
    static Path folder;

    private static TestDatabase database;
    private static Archive archive;
    private static ReidentificationVault vault;
    private static StorePipeline pipeline;
    private static DicomGateway gateway;
    private static Path certificates;

    @BeforeAll
    static void start() throws Exception {
        database = TestDatabase.start();
        ArchiveSchema.migrate(database.dataSource());
        archive = new Archive(new LocalFileStore(folder.resolve("archive")), new ArchiveIndex(database.dataSource()),
                new DuplicateConflicts(database.dataSource()), DuplicatePolicy.KEEP_FIRST);
        vault = new ReidentificationVault(database.dataSource());
        VaultCipher cipher = new VaultCipher(new byte[VaultCipher.KEY_BYTES]);
        pipeline = new StorePipeline(List.of(
                site("local", secret(0), cipher), site("site-a", SECRET_A, cipher), site("site-b", SECRET_B, cipher)),
                archive, new Quarantine(new LocalFileStore(folder.resolve("quarantine")), database.dataSource()),
                "VIGIE");
        certificates = Files.createDirectories(folder.resolve("tls"));
        makeCertificates(certificates);
        List<Peer> peers = List.of(
                peer("PACS_A", "127.0.0.1/32", "site-a"),
                peer("PACS_B", "127.0.0.0/8", "site-b"),
                peer("FAR_PACS", "10.20.0.0/16", "site-a"),
                Peer.of("PACS_TLS", List.of(AddressRange.parse("127.0.0.1/32")), "site-a", "CN=client"));
        gateway = DicomGateway.start(settings(peers, false, tls(ClientAuth.NEED)), pipeline,
                new QueryRetrieveService(archive, "VIGIE"));
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        database.close();
    }

    @Test
    void acceptsAKnownPeerFromAnAllowedHost() {
        Dcmtk.Result echo = Dcmtk.echoscu("PACS_A", "VIGIE", gateway.port());
        assertThat(echo.succeeded()).as(echo.output()).isTrue();
    }

    @Test
    void rejectsAnUnknownCallingAeTitle() {
        Dcmtk.Result echo = Dcmtk.echoscu("STRANGER", "VIGIE", gateway.port());
        assertThat(echo.succeeded()).isFalse();
        assertRejected(echo, "Calling AE Title Not Recognized");
    }

    @Test
    void rejectsAKnownAeTitleFromAHostNotAllowed() {
        Dcmtk.Result echo = Dcmtk.echoscu("FAR_PACS", "VIGIE", gateway.port()); // allowed from 10.20/16 only
        assertThat(echo.succeeded()).isFalse();
        assertRejected(echo, "Calling AE Title Not Recognized");
    }

    @Test
    void rejectsAnotherCalledAeTitle() {
        Dcmtk.Result echo = Dcmtk.echoscu("PACS_A", "NOT-VIGIE", gateway.port());
        assertThat(echo.succeeded()).isFalse();
        assertRejected(echo, "Called AE Title Not Recognized");
    }

    @Test
    void deidentifiesWithTheSendingSitesSecret() throws Exception {
        Path slice = SLICES.get(0);
        String patientId = patientIdOf(slice);
        String pseudonymA = new Pseudonyms(SECRET_A, "2.25").patientId(patientId);
        String pseudonymB = new Pseudonyms(SECRET_B, "2.25").patientId(patientId);
        assertThat(pseudonymA).isNotEqualTo(pseudonymB);

        Dcmtk.Result fromA = Dcmtk.storescu("PACS_A", "VIGIE", gateway.port(), List.of(slice));
        Dcmtk.Result fromB = Dcmtk.storescu("PACS_B", "VIGIE", gateway.port(), List.of(slice));
        assertThat(fromA.succeeded()).as(fromA.output()).isTrue();
        assertThat(fromB.succeeded()).as(fromB.output()).isTrue();

        assertThat(archive.findStudies(StudyQuery.all())).extracting(StudySummary::patientId)
                .contains(pseudonymA, pseudonymB);
        assertThat(vault.find("site-a", ReidentificationVault.PATIENT_ID, pseudonymA)).isPresent();
        assertThat(vault.find("site-b", ReidentificationVault.PATIENT_ID, pseudonymB)).isPresent();
        assertThat(vault.find("site-a", ReidentificationVault.PATIENT_ID, pseudonymB)).isEmpty();
    }

    @Test
    void aStowPartOfASiteIsDeidentifiedAndRecordedAsThatSitesCStore() throws Exception {
        Path slice = SLICES.get(9);
        String patientId = patientIdOf(slice);
        String pseudonymB = new Pseudonyms(SECRET_B, "2.25").patientId(patientId);

        StoreResult stored = pipeline.storePart10(ReceivedInstance.Source.STOW, "site-b", "radiologist-b",
                Files.readAllBytes(slice), null);

        assertThat(stored.status().isSuccess()).as(stored.status().comment()).isTrue();
        assertThat(stored.stored().patientId()).isEqualTo(pseudonymB);
        assertThat(archive.siteOfStudy(stored.stored().studyInstanceUid())).hasValue("site-b");
        assertThat(vault.find("site-b", ReidentificationVault.PATIENT_ID, pseudonymB)).isPresent();
        // A site without a secret is the caller's to refuse: the pipeline will not pick another site's keys.
        assertThatThrownBy(() -> pipeline.storePart10(ReceivedInstance.Source.STOW, "elsewhere", "radiologist-x",
                Files.readAllBytes(slice), null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("elsewhere");
    }

    @Test
    void aPeerFindsAndRetrievesTheStudiesOfItsOwnSiteOnly() throws Exception {
        String patientId = patientIdOf(SLICES.get(5));
        String pseudonymA = new Pseudonyms(SECRET_A, "2.25").patientId(patientId);
        String pseudonymB = new Pseudonyms(SECRET_B, "2.25").patientId(patientId);
        assertThat(Dcmtk.storescu("PACS_A", "VIGIE", gateway.port(), List.of(SLICES.get(5))).succeeded()).isTrue();
        assertThat(Dcmtk.storescu("PACS_B", "VIGIE", gateway.port(), List.of(SLICES.get(6))).succeeded()).isTrue();

        assertThat(foundPatients("PACS_A")).contains(pseudonymA).doesNotContain(pseudonymB);
        assertThat(foundPatients("PACS_B")).contains(pseudonymB).doesNotContain(pseudonymA);

        // A study of site A named by its UID: site B's peer retrieves nothing of it.
        String studyOfA = archive.findStudies(StudyQuery.all()).stream()
                .filter(study -> study.patientId().equals(pseudonymA)).findFirst().orElseThrow().studyInstanceUid();
        Path received = Files.createDirectories(folder.resolve("received-by-b"));
        Dcmtk.Result get = Dcmtk.run(List.of("getscu", "-S", "-aet", "PACS_B", "-aec", "VIGIE", "-od",
                received.toString(), "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + studyOfA,
                "127.0.0.1", Integer.toString(gateway.port())));
        assertThat(get.succeeded()).as(get.output()).isTrue();
        try (Stream<Path> files = Files.list(received)) {
            assertThat(files).isEmpty();
        }
    }

    /** The original PatientID of a slice, as the sending PACS has it. */
    private static String patientIdOf(Path slice) throws Exception {
        try (InputStream in = Files.newInputStream(slice)) {
            return DicomInstance.readPart10(in).string("PatientID");
        }
    }

    /** The PatientIDs of the studies a C-FIND at study level by this peer answers. */
    private static List<String> foundPatients(String callingAe) throws Exception {
        Path responses = Files.createTempDirectory(folder, "find-" + callingAe);
        Dcmtk.Result find = Dcmtk.run(List.of("findscu", "-S", "-aet", callingAe, "-aec", "VIGIE", "-X", "-od",
                responses.toString(), "-k", "QueryRetrieveLevel=STUDY", "-k", "PatientID", "-k", "StudyInstanceUID",
                "127.0.0.1", Integer.toString(gateway.port())));
        assertThat(find.succeeded()).as(find.output()).isTrue();
        List<String> patients = new ArrayList<>();
        try (Stream<Path> files = Files.list(responses)) {
            for (Path file : files.sorted().toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    patients.add(DicomInstance.readPart10(in).string("PatientID"));
                }
            }
        }
        return patients;
    }

    @Test
    void servesTlsToAClientWithACertificateFromTheTrustedCa() {
        Dcmtk.Result echo = tlsEcho("client", "PACS_A", gateway.tlsPort());
        assertThat(echo.succeeded()).as(echo.output()).isTrue();
        Dcmtk.Result store = Dcmtk.run(tlsCommand("storescu", "client", "PACS_A", gateway.tlsPort(),
                SLICES.get(1).toString()));
        assertThat(store.succeeded()).as(store.output()).isTrue();
    }

    @Test
    void appliesThePeerPolicyOnTheTlsPortToo() {
        Dcmtk.Result echo = tlsEcho("client", "STRANGER", gateway.tlsPort());
        assertThat(echo.succeeded()).isFalse();
        assertRejected(echo, "Calling AE Title Not Recognized");
    }

    @Test
    void refusesAnUntrustedOrMissingClientCertificate() {
        Dcmtk.Result rogue = tlsEcho("rogue", "PACS_A", gateway.tlsPort());
        assertThat(rogue.succeeded()).as(rogue.output()).isFalse();
        assertThat(rogue.output()).doesNotContainIgnoringCase("Association Accepted");

        Dcmtk.Result anonymous = Dcmtk.run(List.of("echoscu", "+tla", "+cf", certificates.resolve("ca.pem").toString(),
                "-aet", "PACS_A", "-aec", "VIGIE", "127.0.0.1", Integer.toString(gateway.tlsPort())));
        assertThat(anonymous.succeeded()).as(anonymous.output()).isFalse();
    }

    @Test
    void withoutClientAuthAnyTlsClientMayConnect() throws Exception {
        try (DicomGateway open = DicomGateway.start(settings(List.of(), true, tls(ClientAuth.NONE)), pipeline,
                new QueryRetrieveService(archive, "VIGIE"))) {
            Dcmtk.Result anonymous = Dcmtk.run(List.of("echoscu", "+tla", "+cf",
                    certificates.resolve("ca.pem").toString(), "-aet", "ANYONE", "-aec", "VIGIE", "127.0.0.1",
                    Integer.toString(open.tlsPort())));
            assertThat(anonymous.succeeded()).as(anonymous.output()).isTrue();
            Dcmtk.Result plain = Dcmtk.echoscu("ANYONE", "VIGIE", open.port());
            assertThat(plain.succeeded()).as(plain.output()).isTrue();
        }
    }

    @Test
    void aPeerBoundToACertificateIsAcceptedWithItOnlyAndNeverOnThePlainPort() {
        Dcmtk.Result own = tlsEcho("client", "PACS_TLS", gateway.tlsPort());
        assertThat(own.succeeded()).as(own.output()).isTrue();

        // Signed by the same trusted CA, so the handshake succeeds: the AE title is what it may not claim.
        Dcmtk.Result otherCertificate = tlsEcho("other", "PACS_TLS", gateway.tlsPort());
        assertThat(otherCertificate.succeeded()).isFalse();
        assertRejected(otherCertificate, "Calling AE Title Not Recognized");

        Dcmtk.Result plain = Dcmtk.echoscu("PACS_TLS", "VIGIE", gateway.port());
        assertThat(plain.succeeded()).isFalse();
        assertRejected(plain, "Calling AE Title Not Recognized");
    }

    @Test
    void refusesPlainDicomOnTheTlsPort() {
        Dcmtk.Result plain = Dcmtk.echoscu("PACS_A", "VIGIE", gateway.tlsPort());
        assertThat(plain.succeeded()).isFalse();
    }

    private static void assertRejected(Dcmtk.Result result, String reason) {
        assertThat(result.output()).containsIgnoringCase("Rejected Permanent")
                .containsIgnoringCase("Service User").containsIgnoringCase(reason);
    }

    private static Dcmtk.Result tlsEcho(String identity, String callingAe, int port) {
        return Dcmtk.run(tlsCommand("echoscu", identity, callingAe, port));
    }

    private static List<String> tlsCommand(String tool, String identity, String callingAe, int port,
            String... files) {
        List<String> command = new ArrayList<>(List.of(tool, "+tls", certificates.resolve(identity + ".key").toString(),
                certificates.resolve(identity + ".pem").toString(), "+cf", certificates.resolve("ca.pem").toString(),
                "-aet", callingAe, "-aec", "VIGIE", "127.0.0.1", Integer.toString(port)));
        command.addAll(Arrays.asList(files));
        return command;
    }

    private static DicomGateway.Settings settings(List<Peer> peers, boolean acceptUnknown, DicomTls tls) {
        return new DicomGateway.Settings("VIGIE", InetAddress.getLoopbackAddress(), 0, 32, 65536,
                Duration.ofSeconds(30), 64L << 20, List.of(), peers, acceptUnknown, tls);
    }

    private static DicomTls tls(ClientAuth clientAuth) {
        return new DicomTls(0, certificates.resolve("server.p12"), PASSWORD.toCharArray(),
                certificates.resolve("trust.p12"), PASSWORD.toCharArray(), clientAuth);
    }

    private static Peer peer(String aeTitle, String hosts, String site) {
        return new Peer(aeTitle, List.of(AddressRange.parse(hosts)), site, null);
    }

    private static Site site(String id, SiteSecret secret, VaultCipher cipher) {
        return new Site(new Deidentifier(new Pseudonyms(secret, "2.25"), DeidentificationProfile.research()),
                new VaultRecorder(cipher, vault, id));
    }

    private static SiteSecret secret(int fill) {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, (byte) fill);
        return new SiteSecret(bytes);
    }

    /**
     * A test CA; the server's and two clients' keys signed by it; a self-signed "rogue" client the gateway must not
     * trust. The server's key goes into a PKCS12 key store, the CA into a PKCS12 trust store.
     */
    private static void makeCertificates(Path dir) {
        run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=Vigie Test CA",
                "-keyout", "ca.key", "-out", "ca.pem");
        for (String name : List.of("server", "client", "other")) {
            run(dir, "openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=" + name, "-keyout",
                    name + ".key", "-out", name + ".csr");
            run(dir, "openssl", "x509", "-req", "-days", "2", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey",
                    "ca.key", "-CAcreateserial", "-out", name + ".pem");
        }
        run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=rogue",
                "-keyout", "rogue.key", "-out", "rogue.pem");
        run(dir, "openssl", "pkcs12", "-export", "-inkey", "server.key", "-in", "server.pem", "-certfile", "ca.pem",
                "-out", "server.p12", "-passout", "pass:" + PASSWORD);
        run(dir, "keytool", "-importcert", "-noprompt", "-alias", "ca", "-file", "ca.pem", "-keystore", "trust.p12",
                "-storetype", "PKCS12", "-storepass", PASSWORD);
    }

    private static void run(Path dir, String... command) {
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot run " + command[0], e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
