package io.vigie.inference.training;

import io.vigie.dicom.DicomInstance;
import io.vigie.inference.detection.Candidate;
import io.vigie.inference.detection.CandidateGenerator;
import io.vigie.inference.detection.LungMask;
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
import io.vigie.inference.volume.VolumeAssembly;
import io.vigie.testing.SharedData;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Prints everything the detector finds, to the last bit (lung mask voxel count and hash, every candidate of every
 * level, every merged finding with its probability), for LIDC-IDRI-0001 and the 300-slice benchmark series, and the
 * SHA-256 of the SR and SEG written for those findings (fixed clock, seeded UIDs): two runs, before and after a change
 * to the pipeline or the writers, must print the same text. Run: {@code ./mvnw -o -pl inference-service
 * -am test-compile exec:java@detector-fingerprint -Dexec.args=OUT.txt}.
 */
public final class DetectorFingerprint {

    private DetectorFingerprint() {
    }

    public static void main(String[] args) throws Exception {
        try (PrintStream out = args.length > 0 ? new PrintStream(Files.newOutputStream(Path.of(args[0]))) : System.out;
             NoduleDetector detector = new ModelRegistry(DetectorExperiment.modelsFolder())
                     .open(ModelSelection.parse(TrainDetector.NAME + ":" + TrainDetector.VERSION))) {
            List<byte[]> files = new ArrayList<>();
            List<DicomInstance> slices = new ArrayList<>();
            for (Path file : SharedData.lidcSlices("LIDC-IDRI-0001")) {
                files.add(Files.readAllBytes(file));
                try (InputStream in = Files.newInputStream(file)) {
                    slices.add(DicomInstance.readPart10(in));
                }
            }
            print("LIDC-IDRI-0001", slices, detector, out);
            print("bench-300", BenchmarkDetector.series(files, 300), detector, out);
        }
    }

    static void print(String name, List<DicomInstance> instances, NoduleDetector detector, PrintStream out)
            throws Exception {
        CtVolume volume = ((VolumeAssembly.Assembled) VolumeAssembler.assemble(instances)).volume();
        boolean[] lungs = LungMask.segment(volume);
        long count = 0;
        long hash = 1;
        for (int i = 0; i < lungs.length; i++) {
            if (lungs[i]) {
                count++;
                hash = 31 * hash + i;
            }
        }
        out.printf(Locale.ROOT, "%s lung mask: %d voxels, hash %x%n", name, count, hash);
        for (CandidateGenerator.Level level : CandidateGenerator.LEVELS) {
            List<Candidate> candidates = CandidateGenerator.generate(volume, lungs, level);
            out.printf(Locale.ROOT, "%s level %s: %d candidates%n", name, level, candidates.size());
            for (Candidate c : candidates) {
                out.println("  " + candidate(c));
            }
        }
        NoduleDetector.Analysis analysis = detector.analyse(volume);
        out.printf(Locale.ROOT, "%s: %d patches scored, %d merged, %d findings%n", name,
                analysis.timing().patchesScored(), analysis.scored().size(), analysis.findings().size());
        for (NoduleDetector.Finding f : analysis.scored()) {
            out.printf(Locale.ROOT, "  p=%s %s%n", Double.toString(f.probability()), candidate(f.candidate()));
        }
        DetectionOutputs outputs = new DetectionOutputWriter(
                new Algorithm(detector.model().name(), detector.model().version()),
                UidGenerator.derivedFrom("fingerprint " + name),
                Clock.fixed(Instant.parse("2026-01-01T08:00:00Z"), ZoneOffset.UTC))
                .write(SourceSeries.of(volume, instances), analysis.findings());
        out.printf(Locale.ROOT, "%s SR sha256 %s, SEG sha256 %s%n", name, sha256(outputs.measurementReportPart10()),
                outputs.segmentationPart10().map(DetectorFingerprint::sha256).orElse("none"));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String candidate(Candidate c) {
        return String.format(Locale.ROOT, "centre %s voxel %s d=%s v=%s hu=%s voxels %d/%x",
                Arrays.toString(c.centre()), Arrays.toString(c.voxelCentre()), Double.toString(c.diameterMm()),
                Double.toString(c.volumeMm3()), Double.toString(c.meanHu()), c.voxels().length,
                Arrays.hashCode(c.voxels()));
    }
}
