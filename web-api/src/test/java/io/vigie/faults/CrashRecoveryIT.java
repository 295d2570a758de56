package io.vigie.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.anonymizer.Pseudonyms;
import io.vigie.anonymizer.SiteSecret;
import io.vigie.testing.CtCorpus;
import io.vigie.testing.StorescuSession;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * "Nothing acknowledged is ever lost", against a real crash: Vigie runs as its own process (the packaged jar,
 * embedded PostgreSQL), dcmtk's storescu sends 300 CT instances on one association, and Vigie is killed with SIGKILL
 * once about 100 were acknowledged. Restarted on the same data folder, it must hold every acknowledged instance
 * (indexed, and its file readable), no index row without its file, no leftover temporary file; sending the 300 again
 * must end with exactly 300.
 */
class CrashRecoveryIT {

    private static final int CORPUS = 300;
    private static final int KILL_AFTER = 100;
    private static final byte[] SITE_SECRET = new byte[32];

    static {
        Arrays.fill(SITE_SECRET, (byte) 7);
    }

    @TempDir
    Path dataDir;

    @TempDir
    Path corpusDir;

    private VigieProcess vigie;
    private Optional<ProcessHandle> orphanedDatabase = Optional.empty();

    @AfterEach
    void stop() {
        if (vigie != null) {
            vigie.close();
        }
        // Hygiene if the restarted Vigie did not stop the database its killed predecessor left running.
        orphanedDatabase.filter(ProcessHandle::isAlive).ifPresent(ProcessHandle::destroyForcibly);
    }

    @Test
    void everyAcknowledgedInstanceSurvivesSigkillAndResendingEndsWithExactlyTheCorpus() throws Exception {
        List<CtCorpus.Instance> corpus = CtCorpus.write(corpusDir, "LIDC-IDRI-0001", "crash", CORPUS);
        Pseudonyms pseudonyms = new Pseudonyms(new SiteSecret(SITE_SECRET), "2.25");
        Map<Path, String> archivedUid = corpus.stream().collect(Collectors.toMap(CtCorpus.Instance::file,
                i -> pseudonyms.uid(i.sopInstanceUid())));
        List<Path> files = corpus.stream().map(CtCorpus.Instance::file).toList();
        int dicomPort = VigieProcess.freePort();
        int httpPort = VigieProcess.freePort();
        List<String> settings = List.of(
                "--vigie.deidentification.site-secret=" + Base64.getEncoder().encodeToString(SITE_SECRET));

        vigie = VigieProcess.start(dataDir, dicomPort, httpPort, List.of(), settings);
        List<Path> acknowledged;
        try (StorescuSession sending = StorescuSession.start("PACS", "VIGIE", dicomPort, files)) {
            assertThat(sending.awaitSuccesses(KILL_AFTER, Duration.ofSeconds(90))).as(sending.output())
                    .isGreaterThanOrEqualTo(KILL_AFTER);
            orphanedDatabase = postmaster(dataDir);
            vigie.kill();
            sending.awaitExit(Duration.ofSeconds(30));
            acknowledged = sending.succeeded();
        }
        assertThat(acknowledged).hasSizeBetween(KILL_AFTER, CORPUS - 1); // killed mid-transfer, not after it

        // The killed JVM's PostgreSQL server outlived it and holds the data folder: the restart must stop it first.
        assertThat(orphanedDatabase).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());
        vigie = VigieProcess.start(dataDir, dicomPort, httpPort, List.of(), settings);
        assertThat(orphanedDatabase.get().isAlive()).isFalse();
        Path archive = dataDir.resolve("archive");
        String jdbc = ArchiveState.embeddedJdbcUrl(dataDir);
        // Commits survive more than this process: the embedded server must not run with zonky's test defaults.
        assertThat(ArchiveState.setting(jdbc, "fsync")).isEqualTo("on");
        assertThat(ArchiveState.setting(jdbc, "synchronous_commit")).isEqualTo("on");

        ArchiveState afterCrash = ArchiveState.read(archive, jdbc);
        for (Path file : acknowledged) {
            String uid = archivedUid.get(file);
            assertThat(afterCrash.indexed()).as("acknowledged %s", file).containsKey(uid);
            assertThat(ArchiveState.readable(archive, afterCrash.indexed().get(uid), uid)).as("readable %s", file)
                    .isTrue();
        }
        assertThat(afterCrash.rowsWithoutFile()).isEmpty();
        assertThat(afterCrash.otherFiles()).as("temporary files of the killed process").isEmpty();
        // The one instance in flight at the kill may have its file and no row yet: never acknowledged, and healed
        // by the re-send below.
        Set<String> acknowledgedKeys = acknowledged.stream().map(f -> afterCrash.indexed().get(archivedUid.get(f)))
                .collect(Collectors.toSet());
        assertThat(afterCrash.filesWithoutRow()).hasSizeLessThanOrEqualTo(1).doesNotContainAnyElementsOf(acknowledgedKeys);

        try (StorescuSession resending = StorescuSession.start("PACS", "VIGIE", dicomPort, files)) {
            assertThat(resending.awaitExit(Duration.ofSeconds(120))).as(resending.output()).isZero();
            assertThat(resending.succeeded()).as(resending.output()).hasSize(CORPUS);
        }
        ArchiveState afterResend = ArchiveState.read(archive, jdbc);
        assertThat(afterResend.indexed()).hasSize(CORPUS)
                .containsOnlyKeys(archivedUid.values());
        assertThat(afterResend.files()).isEqualTo(Set.copyOf(afterResend.indexed().values()));
        assertThat(afterResend.otherFiles()).isEmpty();
        assertThat(studyInstanceCounts(httpPort)).containsExactly(CORPUS);
    }

    /** The PostgreSQL server Vigie's embedded database runs as (a separate process, which SIGKILL does not reach). */
    private static Optional<ProcessHandle> postmaster(Path dataDir) throws Exception {
        long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).get(0).trim());
        return ProcessHandle.of(pid);
    }

    /** NumberOfStudyRelatedInstances of every study, by QIDO-RS with a development token. */
    private static List<Integer> studyInstanceCounts(int httpPort) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        JsonMapper json = JsonMapper.builder().build();
        String base = "http://127.0.0.1:" + httpPort;
        String token = json.readTree(http.send(HttpRequest.newBuilder(URI.create(base
                + "/dev-issuer/token?role=radiologist")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString()).body()).get("access_token").asString();
        HttpResponse<String> studies = http.send(HttpRequest.newBuilder(URI.create(base + "/dicomweb/studies"))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(studies.statusCode()).as(studies.body()).isEqualTo(200);
        Function<JsonNode, Integer> count = study -> study.get("00201208").get("Value").get(0).asInt();
        return json.readTree(studies.body()).valueStream().map(count).toList();
    }
}
