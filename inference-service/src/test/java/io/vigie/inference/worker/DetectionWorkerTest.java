package io.vigie.inference.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.archive.Archive;
import io.vigie.archive.StoredInstance;
import io.vigie.archive.jobs.Job;
import io.vigie.archive.jobs.JobQueue;
import io.vigie.archive.jobs.JobState;
import io.vigie.dicom.DicomInstance;
import io.vigie.inference.findings.AnalysisStatus;
import io.vigie.inference.findings.FindingsStore;
import io.vigie.inference.findings.StoredAnalysis;
import io.vigie.inference.findings.StoredFinding;
import io.vigie.inference.volume.CtVolume;
import io.vigie.inference.volume.VolumeAssembler;
import io.vigie.inference.volume.VolumeAssembly;
import io.vigie.testing.BrokenDicom;
import io.vigie.testing.SharedData;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The detection worker against a real archive and job queue on embedded PostgreSQL, with real LIDC-IDRI slices:
 * a series is analysed once (findings, SR and SEG stored and named), a job done again changes nothing, a crashing
 * detector is retried after the back-off and dead after the last attempt with its reason, a series that cannot be
 * analysed is recorded so and its job done, a crash between the SR and the SEG is finished by the retry, the SR and
 * SEG get no job of their own, and two worker pools on two connections to one database do each job exactly once.
 */
class DetectionWorkerTest {

    private static final List<Path> LIDC_0002 = SharedData.lidcSlices("LIDC-IDRI-0002");

    @TempDir
    static Path folder;

    private static WorkerFixture fixture;
    private static ScheduledExecutorService leases;

    @BeforeAll
    static void start() throws Exception {
        fixture = new WorkerFixture(folder);
        leases = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterAll
    static void stop() {
        leases.shutdownNow();
        fixture.close();
    }

    @BeforeEach
    void empty() {
        JdbcClient.create(fixture.dataSource).sql("truncate finding, analysis, job, duplicate_conflict, instance, "
                + "series, study, patient restart identity cascade").update();
    }

    @Test
    void analysesASeriesOnceRecordingFindingsSrAndSegThenAReRunDoesNothing() throws Exception {
        String series = fixture.archive(LIDC_0002);
        assertThat(fixture.announce()).isEqualTo(1);
        CountingAnalyser analyser = new CountingAnalyser();
        MinimalDerivedObjectWriter writer = new MinimalDerivedObjectWriter();
        DetectionWorker worker = worker(analysis(analyser, writer), "w1");

        assertThat(worker.runOnce()).isTrue();

        Job job = fixture.onlyJob(series);
        assertThat(job.state()).isEqualTo(JobState.DONE);
        assertThat(job.attempts()).isEqualTo(1);
        StoredAnalysis analysis = onlyAnalysis(series);
        assertThat(analysis.status()).isEqualTo(AnalysisStatus.ANALYSED);
        assertThat(analysis.reason()).isNull();
        assertThat(analysis.seriesRevision()).isEqualTo(LIDC_0002.size());
        assertThat(analysis.model()).isEqualTo(CountingAnalyser.MODEL);
        assertThat(analysis.timingsMs()).containsOnlyKeys("load", "preprocess", "model", "post");
        assertThat(analysis.timingsMs().values()).allSatisfy(ms -> assertThat(ms).isNotNegative());
        String seed = DeterministicUids.seed(series, LIDC_0002.size(), CountingAnalyser.MODEL);
        Uids uids = new Uids(seed);
        assertThat(analysis.srSopInstanceUid()).isEqualTo(uids.srSop);
        assertThat(analysis.segSopInstanceUid()).isEqualTo(uids.segSop);

        List<StoredFinding> findings = fixture.findings.findingsOfAnalysis(analysis.id());
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.finding().trackingUid()).isEqualTo(DeterministicUids.uid(seed, "finding-0"));
            assertThat(f.finding().trackingId()).isEqualTo("Nodule 1");
            assertThat(f.finding().probability()).isEqualTo(0.9);
            assertThat(f.reviewStatus()).isEqualTo("pending");
        });

        // The SR and SEG are archived in the analysed study, under the UIDs the analysis names, not remapped.
        StoredInstance sr = onlyInstance(fixture.archive, job.studyInstanceUid(), uids.srSeries);
        assertThat(sr.sopInstanceUid()).isEqualTo(uids.srSop);
        assertThat(sr.sopClassUid()).isEqualTo(MinimalDerivedObjectWriter.COMPREHENSIVE_3D_SR);
        StoredInstance seg = onlyInstance(fixture.archive, job.studyInstanceUid(), uids.segSeries);
        assertThat(seg.sopInstanceUid()).isEqualTo(uids.segSop);

        // Done again (a lost lease, a duplicate job): nothing is analysed, written or stored twice.
        assertThat(analysis(analyser, writer).run(job)).isEqualTo(SeriesAnalysis.Outcome.ALREADY_ANALYSED);
        assertThat(analyser.calls).hasValue(1);
        assertThat(writer.calls).hasValue(1);
        assertThat(fixture.count("select count(*) from analysis")).isEqualTo(1);
        assertThat(fixture.count("select count(*) from finding")).isEqualTo(1);

        // The SR and SEG series are complete too, but not CT: the monitor creates no job for them.
        assertThat(fixture.announce()).isZero();
        assertThat(fixture.queue.forSeries(uids.srSeries)).isEmpty();
        assertThat(fixture.queue.forSeries(uids.segSeries)).isEmpty();
        assertThat(worker.runOnce()).isFalse();
    }

    @Test
    void theStandardWriterStoresATid1500SrAndASegWhoseUidsARetryMakesAgain() throws Exception {
        String series = fixture.archive(LIDC_0002);
        fixture.announce();
        StandardDerivedObjectWriter writer = new StandardDerivedObjectWriter(fixture.clock);

        assertThat(worker(analysis(new CountingAnalyser(), writer), "w1").runOnce()).isTrue();

        Job job = fixture.onlyJob(series);
        assertThat(job.state()).as(job.lastError()).isEqualTo(JobState.DONE);
        StoredAnalysis analysis = onlyAnalysis(series);
        StoredInstance sr = fixture.archive.findInstances(job.studyInstanceUid(), null, analysis.srSopInstanceUid())
                .get(0);
        assertThat(sr.sopClassUid()).isEqualTo(MinimalDerivedObjectWriter.COMPREHENSIVE_3D_SR);
        StoredInstance seg = fixture.archive.findInstances(job.studyInstanceUid(), null,
                analysis.segSopInstanceUid()).get(0);
        assertThat(seg.sopClassUid()).isEqualTo(MinimalDerivedObjectWriter.SEGMENTATION);
        String trackingUid = fixture.findings.findingsOfAnalysis(analysis.id()).get(0).finding().trackingUid();
        String srText;
        try (var in = fixture.archive.open(sr)) {
            srText = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
        assertThat(srText).as("the SR's measurement group carries the recorded tracking UID").contains(trackingUid);

        // The same analysis written again (a retry) has the same UIDs.
        List<DicomInstance> sources = new ArrayList<>();
        for (Path slice : LIDC_0002) {
            sources.add(load(slice));
        }
        CtVolume volume = ((VolumeAssembly.Assembled) VolumeAssembler.assemble(sources)).volume();
        var lesions = new CountingAnalyser().analyse(volume).lesions();
        String seed = DeterministicUids.seed(series, LIDC_0002.size(), CountingAnalyser.MODEL);
        DerivedObjects again = writer.write(new DerivedObjectRequest(sources, volume, CountingAnalyser.MODEL,
                lesions, seed));
        assertThat(again.trackingUids()).containsExactly(trackingUid);
        assertThat(DerivedInstance.of(again.srPart10(), "SR", job.studyInstanceUid(), series, "SR").attributes()
                .sopInstanceUid()).isEqualTo(analysis.srSopInstanceUid());
        assertThat(DerivedInstance.of(again.segPart10(), "SEG", job.studyInstanceUid(), series, "SEG").attributes()
                .sopInstanceUid()).isEqualTo(analysis.segSopInstanceUid());
    }

    @Test
    void aCrashingDetectorIsRetriedAfterTheBackOffAndRecordsNothingUntilItSucceeds() throws Exception {
        String series = fixture.archive(LIDC_0002);
        fixture.announce();
        CountingAnalyser analyser = new CountingAnalyser(1);
        DetectionWorker worker = worker(analysis(analyser, new MinimalDerivedObjectWriter()), "w1");

        assertThat(worker.runOnce()).isTrue();
        Job failed = fixture.onlyJob(series);
        assertThat(failed.state()).isEqualTo(JobState.FAILED);
        assertThat(failed.lastError()).contains("IllegalStateException", "simulated detector crash");
        assertThat(failed.notBefore()).isEqualTo(fixture.clock.instant().plus(WorkerFixture.SETTINGS.initialBackoff()));
        assertThat(fixture.findings.analysesOfSeries(series)).as("a crash is never an empty result").isEmpty();

        assertThat(worker.runOnce()).as("within the back-off").isFalse();
        fixture.clock.advance(WorkerFixture.SETTINGS.initialBackoff());
        assertThat(worker.runOnce()).isTrue();

        Job done = fixture.onlyJob(series);
        assertThat(done.state()).isEqualTo(JobState.DONE);
        assertThat(done.attempts()).isEqualTo(2);
        assertThat(onlyAnalysis(series).status()).isEqualTo(AnalysisStatus.ANALYSED);
        assertThat(analyser.calls).hasValue(2);
    }

    @Test
    void aDetectorThatAlwaysCrashesLeavesTheJobDeadWithItsReason() throws Exception {
        String series = fixture.archive(LIDC_0002);
        fixture.announce();
        DetectionWorker worker = worker(analysis(new CountingAnalyser(Integer.MAX_VALUE),
                new MinimalDerivedObjectWriter()), "w1");

        for (int attempt = 1; attempt <= WorkerFixture.SETTINGS.maxAttempts(); attempt++) {
            assertThat(worker.runOnce()).as("attempt " + attempt).isTrue();
            fixture.clock.advance(WorkerFixture.SETTINGS.maxBackoff());
        }
        assertThat(worker.runOnce()).as("a dead job is not claimed").isFalse();

        Job dead = fixture.onlyJob(series);
        assertThat(dead.state()).isEqualTo(JobState.DEAD);
        assertThat(dead.attempts()).isEqualTo(WorkerFixture.SETTINGS.maxAttempts());
        assertThat(dead.lastError()).contains("simulated detector crash");
        assertThat(fixture.findings.analysesOfSeries(series)).isEmpty();
    }

    @Test
    void aSeriesThatCannotBeAnalysedIsRecordedWithItsReasonAndItsJobIsDone() throws Exception {
        String series = fixture.archive(LIDC_0002.subList(0, 2), "2.25.4242");
        fixture.announce();
        CountingAnalyser analyser = new CountingAnalyser();
        MinimalDerivedObjectWriter writer = new MinimalDerivedObjectWriter();

        assertThat(worker(analysis(analyser, writer), "w1").runOnce()).isTrue();

        assertThat(fixture.onlyJob(series).state()).isEqualTo(JobState.DONE);
        StoredAnalysis analysis = onlyAnalysis(series);
        assertThat(analysis.status()).isEqualTo(AnalysisStatus.NOT_ANALYSABLE);
        assertThat(analysis.reason()).isEqualTo("a volume needs at least 3 slices, got 2");
        assertThat(analysis.srSopInstanceUid()).isNull();
        assertThat(analysis.findingCount()).isZero();
        assertThat(analyser.calls).as("the detector never sees it").hasValue(0);
        assertThat(writer.calls).hasValue(0);
    }

    @Test
    void aStoredFileThatNoLongerParsesMakesTheSeriesNotAnalysableNamingThatInstance() throws Exception {
        String series = fixture.archive(LIDC_0002, "2.25.4343");
        List<StoredInstance> stored = announcedSeries(series);
        StoredInstance damaged = stored.get(stored.size() / 2);
        Path file = fixture.files.resolve(damaged.storageKey());
        file.toFile().setWritable(true);
        Files.write(file, BrokenDicom.truncatedFile(file));
        CountingAnalyser analyser = new CountingAnalyser();

        assertThat(worker(analysis(analyser, new MinimalDerivedObjectWriter()), "w1").runOnce()).isTrue();

        assertThat(fixture.onlyJob(series).state()).isEqualTo(JobState.DONE);
        StoredAnalysis analysis = onlyAnalysis(series);
        assertThat(analysis.status()).isEqualTo(AnalysisStatus.NOT_ANALYSABLE);
        assertThat(analysis.reason()).startsWith("instance " + damaged.sopInstanceUid() + " does not parse: ");
        assertThat(analyser.calls).hasValue(0);
    }

    @Test
    void aStoredFileThatCannotBeReadIsAFailureRetriedLaterNeverAResult() throws Exception {
        String series = fixture.archive(LIDC_0002, "2.25.4444");
        List<StoredInstance> stored = announcedSeries(series);
        Files.delete(fixture.files.resolve(stored.get(1).storageKey()));

        assertThat(worker(analysis(new CountingAnalyser(), new MinimalDerivedObjectWriter()), "w1").runOnce())
                .isTrue();

        Job failed = fixture.onlyJob(series);
        assertThat(failed.state()).isEqualTo(JobState.FAILED);
        assertThat(failed.lastError()).contains(stored.get(1).storageKey());
        assertThat(fixture.findings.analysesOfSeries(series)).isEmpty();
    }

    /** Announces the archived series (so that it has its job) and returns its stored instances. */
    private List<StoredInstance> announcedSeries(String series) throws Exception {
        fixture.announce();
        return fixture.archive.findInstances(fixture.onlyJob(series).studyInstanceUid(), series, null);
    }

    @Test
    void aWriterFailingHalfwayStoresNothingAndTheRetryFinishes() throws Exception {
        String series = fixture.archive(LIDC_0002);
        fixture.announce();
        DetectionWorker worker = worker(analysis(new CountingAnalyser(),
                new MinimalDerivedObjectWriter().failSegOnce()), "w1");
        Uids uids = new Uids(DeterministicUids.seed(series, LIDC_0002.size(), CountingAnalyser.MODEL));

        assertThat(worker.runOnce()).isTrue();
        Job failed = fixture.onlyJob(series);
        assertThat(failed.state()).isEqualTo(JobState.FAILED);
        assertThat(failed.lastError()).contains("SEG", "does not parse");
        assertThat(fixture.archive.findInstances(failed.studyInstanceUid(), uids.srSeries, null))
                .as("both are checked before either is stored").isEmpty();
        assertThat(fixture.findings.analysesOfSeries(series)).isEmpty();

        fixture.clock.advance(WorkerFixture.SETTINGS.initialBackoff());
        assertThat(worker.runOnce()).isTrue();
        assertThat(fixture.onlyJob(series).state()).isEqualTo(JobState.DONE);
        assertThat(onlyAnalysis(series).srSopInstanceUid()).isEqualTo(uids.srSop);
    }

    @Test
    void aCrashAfterTheSrIsStoredIsFinishedByTheRetryWithTheSameSr() throws Exception {
        String series = fixture.archive(LIDC_0002);
        fixture.announce();
        Job job = fixture.onlyJob(series);
        Uids uids = new Uids(DeterministicUids.seed(series, LIDC_0002.size(), CountingAnalyser.MODEL));
        // What a worker killed between storing its SR and recording the analysis leaves: the SR, and no row.
        MinimalDerivedObjectWriter writer = new MinimalDerivedObjectWriter();
        DerivedObjects before = writer.write(new DerivedObjectRequest(List.of(load(LIDC_0002.get(0))), null,
                CountingAnalyser.MODEL, List.of(new DetectedLesion(new double[] {0, 0, 0}, 6, 113, 0.9)),
                DeterministicUids.seed(series, LIDC_0002.size(), CountingAnalyser.MODEL)));
        DerivedInstance sr = DerivedInstance.of(before.srPart10(), "SR", job.studyInstanceUid(), series, "SR");
        fixture.archive.store(sr.attributes(), sr.part10(), "VIGIE_AI");

        assertThat(worker(analysis(new CountingAnalyser(), writer), "w1").runOnce()).isTrue();

        assertThat(fixture.onlyJob(series).state()).isEqualTo(JobState.DONE);
        StoredAnalysis analysis = onlyAnalysis(series);
        assertThat(analysis.srSopInstanceUid()).isEqualTo(uids.srSop);
        assertThat(analysis.segSopInstanceUid()).isEqualTo(uids.segSop);
        assertThat(fixture.archive.findInstances(job.studyInstanceUid(), uids.srSeries, null)).hasSize(1);
        assertThat(fixture.archive.findInstances(job.studyInstanceUid(), uids.segSeries, null)).hasSize(1);
    }

    @Test
    void aJobWhoseWorkerDiedIsTakenBackAfterItsLeaseAndDoneByAnother() throws Exception {
        String series = fixture.archive(LIDC_0002);
        fixture.announce();
        Job taken = fixture.queue.claim(Job.DETECT, "killed-worker").orElseThrow(); // and never heard of again
        CountingAnalyser analyser = new CountingAnalyser();
        DetectionWorker survivor = worker(analysis(analyser, new MinimalDerivedObjectWriter()), "survivor");

        assertThat(survivor.runOnce()).as("the lease still holds").isFalse();
        fixture.clock.advance(WorkerFixture.SETTINGS.leaseTimeout().plusSeconds(1));
        assertThat(survivor.runOnce()).isTrue();

        Job done = fixture.onlyJob(series);
        assertThat(done.id()).isEqualTo(taken.id());
        assertThat(done.state()).isEqualTo(JobState.DONE);
        assertThat(done.attempts()).isEqualTo(2);
        assertThat(onlyAnalysis(series).status()).isEqualTo(AnalysisStatus.ANALYSED);
        assertThat(fixture.queue.complete(taken.id(), "killed-worker")).as("the dead worker's late answer").isFalse();
    }

    @Test
    void twoWorkerPoolsOnOneDatabaseDoEachJobExactlyOnce() throws Exception {
        int seriesCount = 6;
        List<String> series = new ArrayList<>();
        for (int i = 0; i < seriesCount; i++) {
            series.add(fixture.archive(LIDC_0002, "2.25.77" + i));
        }
        assertThat(fixture.announce()).isEqualTo(seriesCount);

        // Two "processes": each its own connections, archive, queue and findings store, two threads each.
        List<CountingAnalyser> analysers = new ArrayList<>();
        List<DetectionWorkers> pools = new ArrayList<>();
        for (String process : List.of("process-a", "process-b")) {
            DataSource own = fixture.newDataSource();
            Archive archive = fixture.archiveOn(own);
            JobQueue queue = new JobQueue(own, fixture.clock, WorkerFixture.SETTINGS);
            FindingsStore findings = new FindingsStore(own, fixture.clock);
            List<SeriesAnalysis> analyses = new ArrayList<>();
            for (int thread = 0; thread < 2; thread++) {
                CountingAnalyser analyser = new CountingAnalyser();
                analysers.add(analyser);
                analyses.add(new SeriesAnalysis(archive, findings, analyser, new MinimalDerivedObjectWriter()));
            }
            pools.add(new DetectionWorkers(queue, analyses, process, Duration.ofMillis(50),
                    WorkerFixture.SETTINGS.leaseTimeout()));
        }
        pools.forEach(DetectionWorkers::start);
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (fixture.count("select count(*) from job where state = 'done'") < seriesCount
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        } finally {
            pools.forEach(pool -> pool.stop(Duration.ofSeconds(10)));
        }

        for (String s : series) {
            Job job = fixture.onlyJob(s);
            assertThat(job.state()).as(s).isEqualTo(JobState.DONE);
            assertThat(job.attempts()).as("claimed once: " + s).isEqualTo(1);
            assertThat(onlyAnalysis(s).status()).isEqualTo(AnalysisStatus.ANALYSED);
        }
        assertThat(analysers.stream().mapToInt(a -> a.calls.get()).sum()).as("each series analysed once")
                .isEqualTo(seriesCount);
        assertThat(fixture.count("select count(*) from analysis")).isEqualTo(seriesCount);
        assertThat(fixture.count("select count(distinct locked_by) from job")).isZero();
        assertThat(fixture.count("select count(*) from finding")).isEqualTo(seriesCount);
    }

    /** The UIDs the test writer gives an analysis. */
    private record Uids(String srSeries, String srSop, String segSeries, String segSop) {
        Uids(String seed) {
            this(DeterministicUids.uid(seed, "sr-series"), DeterministicUids.uid(seed, "sr-instance"),
                    DeterministicUids.uid(seed, "seg-series"), DeterministicUids.uid(seed, "seg-instance"));
        }
    }

    private static DicomInstance load(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return DicomInstance.readPart10(in);
        }
    }

    private static SeriesAnalysis analysis(SeriesAnalyser analyser, DerivedObjectWriter writer) {
        return new SeriesAnalysis(fixture.archive, fixture.findings, analyser, writer);
    }

    private static DetectionWorker worker(SeriesAnalysis analysis, String id) {
        return new DetectionWorker(fixture.queue, analysis, id, leases, WorkerFixture.SETTINGS.leaseTimeout());
    }

    private static StoredAnalysis onlyAnalysis(String series) {
        List<StoredAnalysis> analyses = fixture.findings.analysesOfSeries(series);
        assertThat(analyses).hasSize(1);
        return analyses.get(0);
    }

    private static StoredInstance onlyInstance(Archive archive, String study, String series) {
        List<StoredInstance> instances = archive.findInstances(study, series, null);
        assertThat(instances).hasSize(1);
        return instances.get(0);
    }
}
