package io.vigie.inference.training;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;
import io.vigie.archive.storage.LocalFileStore;
import io.vigie.dicom.DicomInstance;
import io.vigie.inference.detection.CandidateGenerator;
import io.vigie.inference.detection.NoduleDetector;
import io.vigie.inference.output.Algorithm;
import io.vigie.inference.output.DetectionOutputWriter;
import io.vigie.inference.output.DetectionOutputs;
import io.vigie.inference.output.SourceSeries;
import io.vigie.inference.output.UidGenerator;
import io.vigie.inference.registry.ModelRegistry;
import io.vigie.inference.registry.ModelSelection;
import io.vigie.inference.volume.CtVolume;
import io.vigie.inference.volume.VolumeAssembler;
import io.vigie.inference.volume.SeriesParser;
import io.vigie.inference.volume.VolumeAssembly;
import io.vigie.inference.volume.VolumeMemory;
import io.vigie.inference.volume.VolumeWorkers;
import io.vigie.testing.SharedData;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Seconds per 300-slice 512x512 CT on this machine, as the worker spends them: load (parsing the Part 10 files, kept
 * in a local file store in a temporary folder and read back mapped, as the worker reads the archive's, then
 * assembling the volume, with the lung mask made slice by slice as assembly writes them, as the worker does; the "lung
 * mask" column is then only what is left: starting the search), preprocessing (the candidates and patches of the first
 * batch, and the waits for later batches prepared aside while the model runs), model, and post-processing (merging,
 * then the SR and SEG with their Part 10 encoding). Each column is the analysing thread's time, so they add up to the
 * total; "aside" is the time the batch preparations took on their own thread, mostly hidden behind the model. The
 * stages around the model run on {@link VolumeWorkers}' pool ({@code -Dvigie.detection.threads=N}, default 2); the
 * model keeps its one PyTorch thread. The series is LIDC-IDRI-0001's 16 real slices repeated there and back (0..15,
 * 15..0, ...) at 1.25 mm, so that structures stay continuous along z. Run: {@code ./mvnw -o -pl inference-service -am
 * test-compile exec:java@bench-detector} [{@code -Dexec.args="RUNS SLICES"}]; two builds side by side: {@code
 * bench/detector-ab.sh}.
 */
public final class BenchmarkDetector {

    private static final int WRITES = 40;

    private BenchmarkDetector() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int slices = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        List<byte[]> files = new ArrayList<>();
        for (Path file : SharedData.lidcSlices("LIDC-IDRI-0001")) {
            files.add(Files.readAllBytes(file));
        }
        // The series in a local file store, as the archive keeps it, read back as the worker reads it (mapped).
        Path folder = Files.createTempDirectory("vigie-bench-series");
        LocalFileStore store = new LocalFileStore(folder);
        List<String> keys = new ArrayList<>();
        for (DicomInstance instance : series(files, slices)) {
            keys.add("series/" + keys.size() + ".dcm");
            store.createIfAbsent(keys.get(keys.size() - 1), instance.toPart10("BENCH"));
        }
        try (NoduleDetector detector = new ModelRegistry(DetectorExperiment.modelsFolder())
                .open(ModelSelection.parse(TrainDetector.NAME + ":" + TrainDetector.VERSION))) {
            DetectionOutputWriter outputs = new DetectionOutputWriter(
                    new Algorithm(detector.model().name(), detector.model().version()), new UidGenerator(),
                    Clock.systemUTC());
            System.out.printf(Locale.ROOT, "%d slices of 512x512, %d runs (the first warms up and is not counted)%n",
                    slices, runs);
            System.out.printf(Locale.ROOT, "%d detection threads (%s)%n", VolumeWorkers.threads(),
                    VolumeWorkers.THREADS_PROPERTY);
            System.out.println("run | parse s | assembly s | lung mask s | candidates s | patch sampling s | "
                    + "waits s | model s | merge s | SR+SEG s | total s | model share | aside s | patches scored | findings");
            VolumeMemory memory = new VolumeMemory(); // as a worker keeps one
            for (int run = 0; run < runs; run++) {
                long t0 = System.nanoTime();
                List<DicomInstance> instances = SeriesParser.parse(keys.size(),
                        i -> store.readWhole(keys.get(i)));
                long t1 = System.nanoTime();
                // As the worker does: the lung mask made while the volume is assembled (so timed as assembly).
                CandidateGenerator.LungPass[] lungPass = new CandidateGenerator.LungPass[1];
                CtVolume volume = ((VolumeAssembly.Assembled) VolumeAssembler.assemble(instances, memory,
                        v -> lungPass[0] = detector.lungPass(v))).volume();
                long t2 = System.nanoTime();
                NoduleDetector.Analysis analysis = detector.analyse(volume, lungPass[0]);
                long t3 = System.nanoTime();
                DetectionOutputs written = outputs.write(SourceSeries.of(volume, instances), analysis.findings());
                int bytes = written.measurementReportPart10().length
                        + written.segmentationPart10().map(b -> b.length).orElse(0);
                long t4 = System.nanoTime();
                NoduleDetector.Timing t = analysis.timing();
                long total = (t2 - t0) + t.preprocessingNanos() + t.modelNanos() + t.mergeNanos() + (t4 - t3);
                System.out.printf(Locale.ROOT,
                        "%s | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.0f %% | %.3f "
                                + "| %d | %d (%d kB)%n",
                        run == 0 ? "warm-up" : Integer.toString(run), s(t1 - t0), s(t2 - t1), s(t.lungMaskNanos()),
                        s(t.candidateNanos()), s(t.samplingNanos()), s(t.waitingNanos()), s(t.modelNanos()),
                        s(t.mergeNanos()), s(t4 - t3), s(total), 100.0 * t.modelNanos() / total, s(t.asideNanos()),
                        t.patchesScored(),
                        analysis.findings().size(), bytes / 1000);
                if (run == runs - 1) {
                    writeAlone(outputs, SourceSeries.of(volume, instances), analysis.findings());
                }
                memory.recycle(volume);
            }
        } finally {
            try (java.util.stream.Stream<Path> written = Files.walk(folder)) {
                for (Path path : written.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    /**
     * The SR and SEG of the last run's findings written again, alone, {@value #WRITES} times: the post-processing
     * stage without the rest of the pipeline around it (whose collections and second thread move it by more than a
     * change to the writers does).
     */
    private static void writeAlone(DetectionOutputWriter outputs, SourceSeries source,
            List<NoduleDetector.Finding> findings) {
        long[] nanos = new long[WRITES];
        for (int i = 0; i < WRITES; i++) {
            long start = System.nanoTime();
            DetectionOutputs written = outputs.write(source, findings);
            if (written.measurementReportPart10().length + written.segmentationPart10().map(b -> b.length)
                    .orElse(0) == 0) {
                throw new IllegalStateException("nothing written");
            }
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "SR+SEG alone (%d findings, written and encoded %d times): median %.1f ms, "
                + "fastest %.1f ms%n", findings.size(), WRITES, nanos[WRITES / 2] / 1e6, nanos[0] / 1e6);
    }

    /** {@code count} instances from the given slices, there and back, each at its own position and UID. */
    static List<DicomInstance> series(List<byte[]> files, int count) throws Exception {
        List<DicomInstance> instances = new ArrayList<>();
        int period = 2 * files.size();
        for (int i = 0; i < count; i++) {
            int k = i % period;
            int source = k < files.size() ? k : period - 1 - k;
            DicomInstance instance = DicomInstance.readPart10(new ByteArrayInputStream(files.get(source)));
            AttributeList list = instance.attributeList();
            String[] position = Attribute.getStringValues(list, TagFromName.ImagePositionPatient);
            Attribute positionAttribute = list.get(TagFromName.ImagePositionPatient);
            positionAttribute.removeValues();
            positionAttribute.addValue(position[0]);
            positionAttribute.addValue(position[1]);
            positionAttribute.addValue(String.format(Locale.ROOT, "%.2f", -400 + 1.25 * i));
            Attribute uid = list.get(TagFromName.SOPInstanceUID);
            uid.removeValues();
            uid.addValue("2.25.1000" + i);
            instances.add(instance);
        }
        return instances;
    }

    private static double s(long nanos) {
        return nanos / 1e9;
    }
}
