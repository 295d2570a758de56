package io.vigie.inference.worker;

import io.vigie.archive.Archive;
import io.vigie.archive.InstanceAttributes;
import io.vigie.archive.StoreOutcome;
import io.vigie.archive.jobs.Job;
import io.vigie.dicom.DicomInstance;
import io.vigie.inference.findings.AnalysisResult;
import io.vigie.inference.findings.AnalysisStatus;
import io.vigie.inference.findings.FindingsStore;
import io.vigie.inference.findings.ModelVersion;
import io.vigie.inference.findings.TrackedFinding;
import io.vigie.inference.volume.CtVolume;
import io.vigie.inference.volume.VolumeAssembler;
import io.vigie.inference.volume.VolumeAssembly;
import io.vigie.inference.volume.VolumeMemory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One detection job, start to end: load the series from the archive, assemble its volume, run the detector, store
 * the SR and SEG back into the archive, then record the analysis and its findings in one transaction.
 *
 * <p>Timings ({@code analysis.timings_ms}): {@code load} (index and files), {@code preprocess} (volume assembly, and
 * the detector's lung mask, candidates and patches), {@code model} (the network), {@code post} (SR and SEG made and
 * stored).
 *
 * <p>The order is what makes a crash anywhere harmless. Nothing is recorded until the last step, and everything
 * before it is repeatable: the SR and SEG carry UIDs the writer derives from (series, revision, model version), so a
 * retry makes the same instances and the archive, which already holds them, changes nothing. The SR and SEG are
 * checked before either is stored (they parse, they are in the analysed study, their modality is SR or SEG, for which
 * the series monitor creates no job: derived series never trigger detection). The analysis row is written last and
 * at most once per series and model version, so a job done twice is recorded once.
 */
public final class SeriesAnalysis implements AutoCloseable {

    /** What became of a job. */
    public enum Outcome {
        /** Analysed now: findings recorded (perhaps none), SR (and SEG) stored. */
        ANALYSED,
        /** Recorded as not analysable, with the reason; the job is done, not failed. */
        NOT_ANALYSABLE,
        /** This model version had analysed the series at this revision (or a later one): nothing done. */
        ALREADY_ANALYSED
    }

    private static final Logger log = LoggerFactory.getLogger(SeriesAnalysis.class);

    /** The SR and SEG are stored as if sent by this AE title (it is recorded only in duplicate conflicts). */
    static final String SOURCE_AE_TITLE = "VIGIE_AI";

    private final Archive archive;
    private final FindingsStore findings;
    private final SeriesAnalyser analyser;
    private final DerivedObjectWriter writer;
    /** This analysis runs on one worker thread, one series at a time: the last volume's array serves the next. */
    private final VolumeMemory volumeMemory = new VolumeMemory();

    public SeriesAnalysis(Archive archive, FindingsStore findings, SeriesAnalyser analyser,
            DerivedObjectWriter writer) {
        this.archive = Objects.requireNonNull(archive, "archive");
        this.findings = Objects.requireNonNull(findings, "findings");
        this.analyser = Objects.requireNonNull(analyser, "analyser");
        this.writer = Objects.requireNonNull(writer, "writer");
    }

    public ModelVersion model() {
        return analyser.model();
    }

    /** Frees the detector (its model's native memory). */
    @Override
    public void close() {
        analyser.close();
    }

    /**
     * Does the job's work.
     *
     * @throws Exception whatever went wrong that a retry may fix (archive unavailable, detector or writer crash):
     *                   the job fails; nothing was recorded
     */
    public Outcome run(Job job) throws Exception {
        ModelVersion model = analyser.model();
        String series = job.seriesInstanceUid();
        if (findings.analysedRevision(series, model).filter(r -> r >= job.seriesRevision()).isPresent()) {
            log.info("series {} already analysed by {} at revision {} or later: job #{} has nothing to do", series,
                    model, job.seriesRevision(), job.id());
            return Outcome.ALREADY_ANALYSED;
        }
        Map<String, Long> timings = new LinkedHashMap<>();
        Stopwatch stopwatch = new Stopwatch();

        ArchivedSeries.Loaded loaded = ArchivedSeries.load(archive, job.studyInstanceUid(), series);
        timings.put("load", stopwatch.lap());
        if (loaded instanceof ArchivedSeries.Unreadable unreadable) {
            return notAnalysable(job, model, unreadable.reason(), timings);
        }
        List<DicomInstance> instances = ((ArchivedSeries.Instances) loaded).instances();

        VolumeAssembly assembly = VolumeAssembler.assemble(instances, volumeMemory, analyser::duringAssembly);
        timings.put("preprocess", stopwatch.lap());
        if (assembly instanceof VolumeAssembly.NotAnalysable notAnalysable) {
            return notAnalysable(job, model, notAnalysable.reason(), timings);
        }
        CtVolume volume = ((VolumeAssembly.Assembled) assembly).volume();

        SeriesAnalyser.Detection detection = analyser.analyse(volume);
        long detectionMs = stopwatch.lap();
        long detectorPreprocessingMs = Math.min(detectionMs, detection.preprocessing().toMillis());
        timings.merge("preprocess", detectorPreprocessingMs, Long::sum);
        timings.put("model", detectionMs - detectorPreprocessingMs);
        List<DetectedLesion> lesions = detection.lesions();

        String seed = DeterministicUids.seed(series, job.seriesRevision(), model);
        DerivedObjects objects = writer.write(new DerivedObjectRequest(instances, volume, model, lesions, seed));
        volumeMemory.recycle(volume); // read no more: not by the detector (done), nor by the objects (written)
        if (objects.trackingUids().size() != lesions.size()) {
            throw new IllegalStateException("the writer named " + objects.trackingUids().size() + " finding(s) of "
                    + lesions.size());
        }
        List<TrackedFinding> tracked = track(lesions, objects);
        DerivedInstance sr = DerivedInstance.of(objects.srPart10(), "SR", job.studyInstanceUid(), series, "SR");
        DerivedInstance seg = objects.segPart10() == null ? null
                : DerivedInstance.of(objects.segPart10(), "SEG", job.studyInstanceUid(), series, "SEG");
        store(sr);
        if (seg != null) {
            store(seg);
        }
        timings.put("post", stopwatch.lap());
        String srUid = sr.attributes().sopInstanceUid();
        boolean recorded = findings.record(new AnalysisResult(series, job.seriesRevision(), model,
                AnalysisStatus.ANALYSED, null, srUid, seg == null ? null : seg.attributes().sopInstanceUid(),
                timings, tracked));
        if (!recorded) {
            log.info("series {} was analysed by {} meanwhile (another job): job #{} recorded nothing", series,
                    model, job.id());
            return Outcome.ALREADY_ANALYSED;
        }
        log.info("series {} analysed by {} (job #{}): {} finding(s), SR {}, timings {} ms", series, model, job.id(),
                tracked.size(), srUid, timings);
        return Outcome.ANALYSED;
    }

    private Outcome notAnalysable(Job job, ModelVersion model, String reason, Map<String, Long> timings) {
        boolean recorded = findings.record(AnalysisResult.notAnalysable(job.seriesInstanceUid(),
                job.seriesRevision(), model, reason, timings));
        log.info("series {} is not analysable by {} (job #{}): {}", job.seriesInstanceUid(), model, job.id(),
                reason);
        return recorded ? Outcome.NOT_ANALYSABLE : Outcome.ALREADY_ANALYSED;
    }

    /** Each lesion under the tracking UID and identifier its SR measurement group has. */
    private static List<TrackedFinding> track(List<DetectedLesion> lesions, DerivedObjects objects) {
        List<TrackedFinding> tracked = new ArrayList<>(lesions.size());
        for (int i = 0; i < lesions.size(); i++) {
            DetectedLesion lesion = lesions.get(i);
            tracked.add(new TrackedFinding(objects.trackingUids().get(i), objects.trackingIds().get(i),
                    lesion.centre()[0], lesion.centre()[1], lesion.centre()[2], lesion.diameterMm(),
                    lesion.volumeMm3(), lesion.probability()));
        }
        return tracked;
    }

    /**
     * Through the archive's one write path, as they are: they are made from de-identified instances and keep
     * their UIDs (the de-identifier would remap them). Already archived (an earlier attempt stored it before it
     * crashed), the archived one stands: a retry's copy differs only in its creation time, and storing it would
     * list a duplicate conflict for administrators.
     */
    private void store(DerivedInstance derived) {
        InstanceAttributes a = derived.attributes();
        if (!archive.findInstances(a.studyInstanceUid(), a.seriesInstanceUid(), a.sopInstanceUid()).isEmpty()) {
            log.info("{} was archived by an earlier attempt; it stands", a.sopInstanceUid());
            return;
        }
        StoreOutcome outcome = archive.store(a, derived.part10(), SOURCE_AE_TITLE);
        if (outcome != StoreOutcome.STORED && outcome != StoreOutcome.ALREADY_STORED) {
            log.warn("{} was archived meanwhile with other content ({}); the archived one stands",
                    a.sopInstanceUid(), outcome);
        }
    }

    /** Milliseconds between laps. */
    private static final class Stopwatch {
        private long last = System.nanoTime();

        long lap() {
            long now = System.nanoTime();
            long elapsed = (now - last) / 1_000_000;
            last = now;
            return elapsed;
        }
    }
}
