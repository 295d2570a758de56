package io.vigie.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vigie.anonymizer.Pseudonyms;
import io.vigie.anonymizer.SiteSecret;
import io.vigie.testing.CtCorpus;
import io.vigie.testing.Dcmtk;
import io.vigie.testing.RestartableDatabase;
import io.vigie.testing.StorescuSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Vigie's gateway under faults, as a process of its own (the packaged jar, a 256 MiB heap, exit on the first
 * OutOfMemoryError) against a PostgreSQL server the test stops and starts: a database outage mid-association, an
 * archive file system turned read-only, and malformed, oversized, slow and flooding peers over raw TCP. Every C-STORE
 * gets a status, nothing acknowledged is lost, and the server stays up with bounded memory.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayFaultsIT {

    /** Few slots, so that a handful of stalled peers fill them all. */
    private static final int MAX_ASSOCIATIONS = 6;
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(2);
    private static final int MAX_DATA_SET_MIB = 8;
    /** What a 256 MiB heap plus metaspace, code and thread stacks may take; an unbounded buffer would exceed it. */
    private static final long RESIDENT_BOUND = 768L << 20;
    private static final byte[] SITE_SECRET = new byte[32];

    static {
        Arrays.fill(SITE_SECRET, (byte) 9);
    }

    @TempDir
    static Path dataDir;

    @TempDir
    static Path corpusDir;

    @TempDir
    static Path databaseDir;

    private RestartableDatabase database;
    private VigieProcess vigie;
    private Path archive;
    private boolean remountable;
    private List<CtCorpus.Instance> corpus;
    private final Pseudonyms pseudonyms = new Pseudonyms(new SiteSecret(SITE_SECRET), "2.25");

    @BeforeAll
    void start() throws Exception {
        corpus = CtCorpus.write(corpusDir, "LIDC-IDRI-0001", "faults", 100);
        database = RestartableDatabase.start(databaseDir.resolve("pg"), VigieProcess.freePort());
        archive = Files.createDirectories(dataDir.resolve("archive"));
        remountable = ReadOnlyMount.available();
        vigie = VigieProcess.start(dataDir, VigieProcess.freePort(), VigieProcess.freePort(),
                remountable ? ReadOnlyMount.launcher(archive) : List.of(), List.of(
                        "--vigie.deidentification.site-secret="
                                + Base64.getEncoder().encodeToString(SITE_SECRET),
                        "--vigie.database.embedded=false",
                        "--spring.datasource.url=" + database.jdbcUrl(),
                        "--spring.datasource.username=postgres",
                        "--spring.datasource.hikari.connection-timeout=2000",
                        "--vigie.dicom.max-associations=" + MAX_ASSOCIATIONS,
                        "--vigie.dicom.read-timeout=" + READ_TIMEOUT.toSeconds() + "s",
                        "--vigie.dicom.max-data-set-size=" + MAX_DATA_SET_MIB + "MB"));
    }

    @AfterAll
    void stop() {
        if (vigie != null) {
            vigie.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    @Order(1)
    void aDatabaseOutageMidAssociationGetsFailureStatusesAndLosesNothingAcknowledged() throws Exception {
        // Enough instances that the transfer is still going when the outage starts and when it ends.
        List<Path> files = files(0, 80);
        Map<Path, String> responses;
        try (StorescuSession sending = StorescuSession.start("PACS", "VIGIE", vigie.dicomPort, files)) {
            assertThat(sending.awaitSuccesses(5, Duration.ofSeconds(60))).as(sending.output()).isGreaterThanOrEqualTo(5);
            database.stop();
            try {
                assertThat(sending.awaitFailures(3, Duration.ofSeconds(60))).as(sending.output())
                        .isGreaterThanOrEqualTo(3);
            } finally {
                database.start();
            }
            sending.awaitExit(Duration.ofSeconds(120));
            responses = sending.responses();
            // Every C-STORE was answered: a failure status while the database was away, never silence. 0110
            // (Processing failure) is a general DIMSE failure status that dcmtk prints as "Unknown Status".
            assertThat(responses).as(sending.output()).hasSize(files.size());
            assertThat(sending.failed()).as(sending.output()).isNotEmpty()
                    .allSatisfy(f -> assertThat(responses.get(f)).isEqualTo("Unknown Status: 0x110"));
        }
        assertEveryAcknowledgedInstanceIsArchived(responses);

        List<Path> refused = responses.entrySet().stream().filter(e -> !e.getValue().equals("Success"))
                .map(Map.Entry::getKey).toList();
        Dcmtk.Result resent = Dcmtk.storescu("PACS", "VIGIE", vigie.dicomPort, refused);
        assertThat(resent.succeeded()).as(resent.output()).isTrue();
        ArchiveState afterResend = ArchiveState.read(archive, database.jdbcUrl());
        assertThat(afterResend.indexed()).hasSize(files.size()).containsKeys(uids(files));
        // A file whose index commit failed mid-way may stay until its re-send: after it, files and rows match.
        assertThat(afterResend.filesWithoutRow()).isEmpty();
        assertThat(afterResend.rowsWithoutFile()).isEmpty();
    }

    @Test
    @Order(2)
    void aReadOnlyArchiveGetsOutOfResourcesAndLosesNothingAcknowledged() throws Exception {
        assumeTrue(remountable, "needs root, unshare and nsenter for a read-only bind mount; the in-process "
                + "DicomGatewayTest.answersOutOfResourcesWhenTheArchiveCannotWriteAndIndexesNothing covers the status");
        List<Path> files = files(80, 85);
        Map<Path, String> responses;
        ReadOnlyMount.remount(vigie.pid(), archive, true);
        try (StorescuSession sending = StorescuSession.start("PACS", "VIGIE", vigie.dicomPort, files)) {
            sending.awaitExit(Duration.ofSeconds(60));
            responses = sending.responses();
            assertThat(responses).as(sending.output()).hasSize(files.size())
                    .allSatisfy((file, status) -> assertThat(status).isEqualTo("Refused: OutOfResources"));
        } finally {
            ReadOnlyMount.remount(vigie.pid(), archive, false);
        }
        ArchiveState state = ArchiveState.read(archive, database.jdbcUrl());
        assertThat(state.indexed()).doesNotContainKeys(uids(files));
        assertThat(state.rowsWithoutFile()).isEmpty();
        assertThat(state.filesWithoutRow()).isEmpty();
        assertEveryAcknowledgedInstanceIsArchived(Map.of(corpus.get(0).file(), "Success"));

        Dcmtk.Result resent = Dcmtk.storescu("PACS", "VIGIE", vigie.dicomPort, files);
        assertThat(resent.succeeded()).as(resent.output()).isTrue();
        assertThat(ArchiveState.read(archive, database.jdbcUrl()).indexed()).containsKeys(uids(files));
    }

    @Test
    @Order(3)
    void malformedSlowAndFloodingPeersLeaveTheServerUpAndItsMemoryBounded() throws Exception {
        Map<String, String> misbehaviour = new LinkedHashMap<>();
        MalformedPeers.Probe[] probes = MalformedPeers.probes(MAX_DATA_SET_MIB);
        for (MalformedPeers.Probe probe : probes) {
            String outcome = probe.run(vigie.dicomPort, READ_TIMEOUT.multipliedBy(3));
            if (outcome != null) {
                misbehaviour.put(probe.name(), outcome);
            }
        }
        assertThat(vigie.isAlive()).as("alive after the malformed peers:\n" + vigie.logTail()).isTrue();

        MalformedPeers.flood(vigie.dicomPort, 200);
        List<String> stalled = MalformedPeers.slowLoris(vigie.dicomPort, MAX_ASSOCIATIONS + 2,
                READ_TIMEOUT.multipliedBy(4));
        if (!stalled.isEmpty()) {
            misbehaviour.put("slow-loris peers still connected", String.join(", ", stalled));
        }

        assertThat(misbehaviour).as("server reactions that were wrong").isEmpty();
        assertThat(vigie.isAlive()).as(vigie.logTail()).isTrue();
        assertThat(echoWithin(Duration.ofSeconds(15))).as(vigie.logTail()).isTrue();
        Dcmtk.Result stored = Dcmtk.storescu("PACS", "VIGIE", vigie.dicomPort, files(85, 86));
        assertThat(stored.succeeded()).as(stored.output()).isTrue();
        assertThat(vigie.healthStatus()).isEqualTo(200);
        long resident = vigie.residentBytes();
        System.out.printf("GatewayFaultsIT: resident memory after the malformed peers and the flood: %d MiB%n",
                resident >> 20);
        assertThat(resident).isLessThan(RESIDENT_BOUND);
    }

    /** Slots held by peers that just left are freed within the read timeout: a C-ECHO then succeeds. */
    private boolean echoWithin(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            if (Dcmtk.echoscu("PACS", "VIGIE", vigie.dicomPort).succeeded()) {
                return true;
            }
            Thread.sleep(500);
        } while (System.nanoTime() < deadline);
        return false;
    }

    private void assertEveryAcknowledgedInstanceIsArchived(Map<Path, String> responses) throws Exception {
        ArchiveState state = ArchiveState.read(archive, database.jdbcUrl());
        Map<Path, String> uidOf = new LinkedHashMap<>();
        corpus.forEach(i -> uidOf.put(i.file(), pseudonyms.uid(i.sopInstanceUid())));
        responses.forEach((file, status) -> {
            if (status.equals("Success")) {
                String uid = uidOf.get(file);
                assertThat(state.indexed()).as("acknowledged %s", file).containsKey(uid);
                assertThat(ArchiveState.readable(archive, state.indexed().get(uid), uid)).isTrue();
            }
        });
        assertThat(state.rowsWithoutFile()).isEmpty();
    }

    private List<Path> files(int from, int to) {
        return corpus.subList(from, to).stream().map(CtCorpus.Instance::file).toList();
    }

    private String[] uids(List<Path> files) {
        return corpus.stream().filter(i -> files.contains(i.file())).map(i -> pseudonyms.uid(i.sopInstanceUid()))
                .toArray(String[]::new);
    }
}
