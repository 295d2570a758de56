package io.vigie.inference.training;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;
import io.vigie.dicom.DicomInstance;
import io.vigie.inference.detection.NoduleDetector;
import io.vigie.inference.registry.ModelRegistry;
import io.vigie.inference.registry.ModelSelection;
import io.vigie.inference.volume.CtVolume;
import io.vigie.inference.volume.VolumeAssembler;
import io.vigie.inference.volume.VolumeAssembly;
import io.vigie.inference.volume.VolumeWorkers;
import io.vigie.testing.SharedData;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Seconds per 300-slice 512x512 CT on this machine, split into load (assembly of the instances into a volume),
 * preprocessing (lung mask, candidates, patch sampling), model and post-processing (merging). The stages around the
 * model run on {@link VolumeWorkers}' pool ({@code -Dvigie.detection.threads=N}, default 2); the model keeps its one
 * PyTorch thread. The series is
 * LIDC-IDRI-0001's 16 real slices repeated there and back (0..15, 15..0, ...) at 1.25 mm, so that structures stay
 * continuous along z. Run: {@code nice -n 10 ./mvnw -o -pl inference-service -am test-compile
 * exec:java@bench-detector} [{@code -Dexec.args="RUNS SLICES"}].
 */
public final class BenchmarkDetector {

    private BenchmarkDetector() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int slices = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        List<byte[]> files = new ArrayList<>();
        for (Path file : SharedData.lidcSlices("LIDC-IDRI-0001")) {
            files.add(Files.readAllBytes(file));
        }
        try (NoduleDetector detector = new ModelRegistry(DetectorExperiment.modelsFolder())
                .open(ModelSelection.parse(TrainDetector.NAME + ":" + TrainDetector.VERSION))) {
            System.out.printf(Locale.ROOT, "%d slices of 512x512, %d runs (the first warms up and is not counted)%n",
                    slices, runs);
            System.out.printf(Locale.ROOT, "%d detection threads (%s)%n", VolumeWorkers.threads(),
                    VolumeWorkers.THREADS_PROPERTY);
            System.out.println("run | load s | lung mask s | candidates s | patch sampling s | "
                    + "model s | merge s | total s | model share | patches scored | after merging");
            for (int run = 0; run < runs; run++) {
                List<DicomInstance> instances = series(files, slices);
                long t0 = System.nanoTime();
                CtVolume volume = ((VolumeAssembly.Assembled) VolumeAssembler.assemble(instances)).volume();
                long load = System.nanoTime() - t0;
                instances = null; // the pixel data lives on in the volume only
                NoduleDetector.Analysis analysis = detector.analyse(volume);
                NoduleDetector.Timing t = analysis.timing();
                long total = load + t.preprocessingNanos() + t.modelNanos() + t.mergeNanos();
                System.out.printf(Locale.ROOT,
                        "%s | %.2f | %.2f | %.2f | %.2f | %.2f | %.3f | %.2f | %.0f %% | %d | %d%n",
                        run == 0 ? "warm-up" : Integer.toString(run), s(load), s(t.lungMaskNanos()),
                        s(t.candidateNanos()), s(t.samplingNanos()), s(t.modelNanos()), s(t.mergeNanos()), s(total),
                        100.0 * t.modelNanos() / total, t.patchesScored(), analysis.scored().size());
            }
        }
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
