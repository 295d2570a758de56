package io.vigie.inference.output;

import io.vigie.dicom.DicomInstance;
import io.vigie.inference.detection.Candidate;
import io.vigie.inference.detection.NoduleDetector.Finding;
import io.vigie.inference.volume.CtVolume;
import io.vigie.inference.volume.VolumeAssembler;
import io.vigie.inference.volume.VolumeAssembly.Assembled;
import io.vigie.testing.Dcmtk;
import io.vigie.testing.SharedData;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * What volume assembly costs per transfer syntax (LIDC-IDRI-0001, 16 slices of 512 x 512, re-encoded by dcmtk and
 * GDCM), and what writing the SR and SEG costs for 1 and 10 findings. Medians of repeated runs after warm-up.
 *
 * <pre>./mvnw -o -pl inference-service -am test-compile exec:java@bench-detection-outputs</pre>
 */
public final class DetectionOutputBenchmark {

    private static final int WARM_UP = 3;
    private static final int RUNS = 10;

    public static void main(String[] args) throws Exception {
        Path folder = Files.createTempDirectory("vigie-bench-outputs");
        List<Path> originals = SharedData.lidcSlices("LIDC-IDRI-0001");
        System.out.println("volume assembly, LIDC-IDRI-0001 (16 x 512 x 512), parse + decode + rescale:");
        System.out.println("| transfer syntax | bytes on disk | median ms |");
        System.out.println("|---|---|---|");
        CtVolume volume = null;
        List<DicomInstance> nativeSlices = null;
        for (List<String> encoder : List.of(List.<String>of(), List.of("dcmcrle"), List.of("dcmcjpeg", "+e1"),
                List.of("gdcmconv", "--j2k"), List.of("dcmconv", "+td"))) {
            List<Path> files = encoder.isEmpty() ? originals : encode(originals, encoder, folder);
            long bytes = 0;
            List<byte[]> contents = new ArrayList<>();
            for (Path file : files) {
                contents.add(Files.readAllBytes(file));
                bytes += contents.get(contents.size() - 1).length;
            }
            String syntax = read(contents.get(0)).transferSyntaxUid();
            double median = median(() -> {
                List<DicomInstance> instances = new ArrayList<>();
                for (byte[] content : contents) {
                    instances.add(read(content));
                }
                return VolumeAssembler.assemble(instances);
            });
            System.out.printf(Locale.ROOT, "| %s | %d | %.1f |%n", syntax, bytes, median);
            if (encoder.isEmpty()) {
                nativeSlices = new ArrayList<>();
                for (byte[] content : contents) {
                    nativeSlices.add(read(content));
                }
                volume = ((Assembled) VolumeAssembler.assemble(nativeSlices)).volume();
            }
        }

        DetectionOutputWriter writer = new DetectionOutputWriter(new Algorithm("bench", "1"), new UidGenerator(),
                Clock.systemUTC());
        SourceSeries source = SourceSeries.of(volume, nativeSlices);
        System.out.println();
        System.out.println("SR + SEG, written and encoded as Part 10:");
        System.out.println("| findings | SR bytes | SEG bytes | SEG frames | median ms |");
        System.out.println("|---|---|---|---|---|");
        for (int count : new int[] {1, 10}) {
            List<Finding> findings = findings(volume, count);
            DetectionOutputs outputs = writer.write(source, findings);
            double median = median(() -> {
                DetectionOutputs written = writer.write(source, findings);
                return written.measurementReportPart10().length + written.segmentationPart10().orElseThrow().length;
            });
            System.out.printf(Locale.ROOT, "| %d | %d | %d | %s | %.1f |%n", count,
                    outputs.measurementReportPart10().length, outputs.segmentationPart10().orElseThrow().length,
                    outputs.segmentation().orElseThrow().string("NumberOfFrames"), median);
        }
    }

    /** The reference nodule, then nodules of 6 to 15 mm spread across the volume's middle slices. */
    private static List<Finding> findings(CtVolume volume, int count) {
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double[] centre = i == 0 ? new double[] {56.2, 86.3, -115.9}
                    : volume.toPatient(60 + 40 * i, 150 + 20 * (i % 5), volume.depth() / 2.0);
            double diameter = i == 0 ? 23.4 : 6 + i;
            findings.add(new Finding(new Candidate(centre, volume.toVoxel(centre), diameter,
                    Math.PI / 6 * diameter * diameter * diameter, 0), 0.5));
        }
        return findings;
    }

    private static List<Path> encode(List<Path> originals, List<String> encoder, Path folder) {
        List<Path> files = new ArrayList<>();
        for (Path original : originals) {
            Path output = folder.resolve(encoder.get(0) + "-" + original.getFileName());
            List<String> command = new ArrayList<>(encoder);
            command.add(original.toString());
            command.add(output.toString());
            Dcmtk.Result result = Dcmtk.run(command);
            if (!result.succeeded()) {
                throw new IllegalStateException(command + ": " + result.output());
            }
            files.add(output);
        }
        return files;
    }

    private static double median(Supplier<?> task) {
        double[] times = new double[RUNS];
        for (int i = 0; i < WARM_UP + RUNS; i++) {
            long start = System.nanoTime();
            if (task.get() == null) {
                throw new IllegalStateException("no result");
            }
            if (i >= WARM_UP) {
                times[i - WARM_UP] = (System.nanoTime() - start) / 1e6;
            }
        }
        Arrays.sort(times);
        return (times[RUNS / 2 - 1] + times[RUNS / 2]) / 2;
    }

    private static DicomInstance read(byte[] content) {
        try (InputStream in = new java.io.ByteArrayInputStream(content)) {
            return DicomInstance.readPart10(in);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
