package io.vigie.inference.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeFactory;
import io.vigie.dicom.DicomInstance;
import io.vigie.inference.volume.VolumeAssembly.Assembled;
import io.vigie.inference.volume.VolumeAssembly.NotAnalysable;
import io.vigie.testing.Dcmtk;
import io.vigie.testing.SharedData;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Assembles the real LIDC-IDRI-0001 slices and checks geometry against the LUNA16 reference nodule. */
class VolumeAssemblerTest {

    /** LUNA16 reference for LIDC-IDRI-0001's nodule (../shared/data/README.md), patient coordinates in mm. */
    private static final double[] NODULE_CENTRE = {56.2, 86.3, -115.9};

    @Test
    void assemblesSlicesInPatientOrderWhateverTheInputOrder() throws Exception {
        List<DicomInstance> slices = readAll();
        List<DicomInstance> shuffled = new ArrayList<>(slices);
        Collections.shuffle(shuffled, new Random(7));

        CtVolume volume = assembled(VolumeAssembler.assemble(shuffled));

        assertThat(volume.depth()).isEqualTo(16);
        assertThat(volume.width()).isEqualTo(512);
        assertThat(volume.spacing()[0]).isCloseTo(0.703, within(0.001));
        assertThat(volume.spacing()[2]).isCloseTo(2.5, within(0.01));
        // slice01 is the lowest position, so it must come first in z.
        assertThat(volume.sopInstanceUids().get(0)).isEqualTo(slices.get(0).string("SOPInstanceUID"));
        assertThat(volume.sopInstanceUids().get(15)).isEqualTo(slices.get(15).string("SOPInstanceUID"));
        assertThat(volume.toPatient(0, 0, 0)).containsExactly(
                slices.get(0).strings("ImagePositionPatient").stream().mapToDouble(Double::parseDouble).toArray());
    }

    /**
     * A worker's next volume of the same size reuses the last one's array and gets the densities a fresh array
     * would have; another size gets a new array. The reused array is first filled with values no slice has, so a
     * voxel that assembly did not write would show.
     */
    @Test
    void aRecycledArrayGivesTheSameVolumeAsANewOne() throws Exception {
        CtVolume fresh = assembled(VolumeAssembler.assemble(readAll()));
        VolumeMemory memory = new VolumeMemory();
        CtVolume first = assembled(VolumeAssembler.assemble(readAll(), memory));
        Arrays.fill(first.hu(), Float.NaN);
        memory.recycle(first);
        CtVolume second = assembled(VolumeAssembler.assemble(readAll(), memory));
        assertThat(second.hu()).isSameAs(first.hu());
        assertThat(Arrays.equals(second.hu(), fresh.hu())).as("the same densities").isTrue();

        memory.recycle(second);
        CtVolume smaller = assembled(VolumeAssembler.assemble(readAll().subList(0, 10), memory));
        assertThat(smaller.hu()).isNotSameAs(second.hu()).hasSize(fresh.width() * fresh.height() * 10);
    }

    @Test
    void theReferenceNoduleIsSoftTissueInsideAirFilledLung() throws Exception {
        CtVolume volume = assembled(VolumeAssembler.assemble(readAll()));
        double[] voxel = volume.toVoxel(NODULE_CENTRE);
        int x = (int) Math.round(voxel[0]);
        int y = (int) Math.round(voxel[1]);
        int z = (int) Math.round(voxel[2]);
        assertThat(z).isBetween(0, volume.depth() - 1);
        assertThat(volume.hu(x, y, z)).as("nodule centre").isGreaterThan(-300f);
        // 16 mm beyond the edge of the 23 mm nodule, towards the mediastinum and forwards, lies aerated lung.
        double[] outside = volume.toVoxel(new double[] {NODULE_CENTRE[0] - 28, NODULE_CENTRE[1], NODULE_CENTRE[2]});
        assertThat(volume.hu((int) outside[0], (int) outside[1], z)).as("lung beside it").isLessThan(-600f);
        double[] above = volume.toVoxel(new double[] {NODULE_CENTRE[0], NODULE_CENTRE[1] - 28, NODULE_CENTRE[2]});
        assertThat(volume.hu((int) above[0], (int) above[1], z)).as("lung in front of it").isLessThan(-600f);
        double[] back = volume.toPatient(voxel[0], voxel[1], voxel[2]);
        assertThat(back[0]).isCloseTo(NODULE_CENTRE[0], within(1e-6));
        assertThat(back[2]).isCloseTo(NODULE_CENTRE[2], within(1e-6));
    }

    @Test
    void missingSlicesDuplicatesMixedOrientationsAndOtherModalitiesAreReasonsNotVolumes() throws Exception {
        List<DicomInstance> gap = readAll();
        gap.remove(7);
        assertThat(reason(VolumeAssembler.assemble(gap))).startsWith("missing slices");

        List<DicomInstance> duplicate = readAll();
        duplicate.add(read(SharedData.lidcSlices("LIDC-IDRI-0001").get(4)));
        assertThat(reason(VolumeAssembler.assemble(duplicate))).contains("same position");

        List<DicomInstance> tilted = readAll();
        set(tilted.get(3), "ImageOrientationPatient", "1", "0", "0", "0", "0.9", "-0.43589");
        assertThat(reason(VolumeAssembler.assemble(tilted))).contains("mixed image orientations");

        List<DicomInstance> mr = readAll();
        set(mr.get(0), "Modality", "MR");
        assertThat(reason(VolumeAssembler.assemble(mr))).contains("not CT");

        List<DicomInstance> scouts = readAll().subList(0, 1);
        set(scouts.get(0), "ImageType", "ORIGINAL", "PRIMARY", "LOCALIZER");
        assertThat(reason(VolumeAssembler.assemble(scouts))).contains("localizer");
    }

    /**
     * Each slice re-encoded by dcmtk or GDCM in one of the syntaxes Vigie decodes, all in one series: the volume must
     * be the same, voxel for voxel, as the one from the uncompressed originals (all these encodings are lossless).
     */
    @Test
    void compressedSlicesDecodeToTheSameHounsfieldUnitsAsTheOriginals(@TempDir Path folder) throws Exception {
        List<Path> originals = SharedData.lidcSlices("LIDC-IDRI-0001");
        List<List<String>> encoders = List.of(
                List.of("dcmcjpeg", "+e1"),        // JPEG lossless, first-order prediction (1.2.840.10008.1.2.4.70)
                List.of("dcmcrle"),                // RLE lossless (1.2.840.10008.1.2.5)
                List.of("gdcmconv", "--j2k"),      // JPEG 2000 lossless (1.2.840.10008.1.2.4.90)
                List.of("dcmconv", "+td"),         // deflated explicit VR little endian (1.2.840.10008.1.2.1.99)
                List.of("dcmcjpeg", "+el"),        // JPEG lossless, process 14 (1.2.840.10008.1.2.4.57)
                List.of("dcmconv", "+tb"));        // explicit VR big endian (1.2.840.10008.1.2.2)
        List<DicomInstance> recoded = new ArrayList<>();
        java.util.Set<String> syntaxes = new java.util.TreeSet<>();
        for (int i = 0; i < originals.size(); i++) {
            DicomInstance instance = read(encode(originals.get(i), encoders.get(i % encoders.size()), folder));
            syntaxes.add(instance.transferSyntaxUid());
            recoded.add(instance);
        }
        assertThat(syntaxes).containsExactlyInAnyOrder("1.2.840.10008.1.2.4.70", "1.2.840.10008.1.2.5",
                "1.2.840.10008.1.2.4.90", "1.2.840.10008.1.2.1.99", "1.2.840.10008.1.2.4.57", "1.2.840.10008.1.2.2");

        CtVolume fromCompressed = assembled(VolumeAssembler.assemble(recoded));
        CtVolume fromOriginals = assembled(VolumeAssembler.assemble(readAll()));

        assertThat(fromCompressed.sopInstanceUids()).isEqualTo(fromOriginals.sopInstanceUids());
        assertThat(Arrays.equals(fromCompressed.hu(), fromOriginals.hu())).as("same voxels").isTrue();
        // and the volume is a CT, not zeros: air (lung) and soft tissue or bone are both there in quantity
        int air = 0;
        int dense = 0;
        for (float value : fromCompressed.hu()) {
            air += value < -900 ? 1 : 0;
            dense += value > 0 ? 1 : 0;
        }
        assertThat(air).isGreaterThan(100_000);
        assertThat(dense).isGreaterThan(100_000);
    }

    /** A compressed syntax without a codec here is a reason, not a crash or an empty volume. */
    @Test
    void aSliceInASyntaxWithoutACodecMakesTheSeriesNotAnalysable(@TempDir Path folder) throws Exception {
        List<DicomInstance> series = readAll();
        Path jpegLs = encode(SharedData.lidcSlices("LIDC-IDRI-0001").get(5), List.of("dcmcjpls"), folder);
        series.set(5, read(jpegLs));
        assertThat(series.get(5).transferSyntaxUid()).isEqualTo("1.2.840.10008.1.2.4.80");

        assertThat(reason(VolumeAssembler.assemble(series))).contains("cannot be decoded")
                .contains("1.2.840.10008.1.2.4.80").contains(series.get(5).string("SOPInstanceUID"));
    }

    @Test
    void tooFewSlicesAndPixelsThatAreNotGreyScaleCtAreReasons() throws Exception {
        assertThat(reason(VolumeAssembler.assemble(readAll().subList(0, 1)))).contains("at least 3 slices, got 1");
        assertThat(reason(VolumeAssembler.assemble(readAll().subList(0, 2)))).contains("at least 3 slices, got 2");
        assertThat(reason(VolumeAssembler.assemble(List.of()))).isEqualTo("no images");

        List<DicomInstance> colour = readAll();
        set(colour.get(2), "SamplesPerPixel", "3");
        assertThat(reason(VolumeAssembler.assemble(colour))).contains("single-sample");

        List<DicomInstance> noPosition = readAll();
        noPosition.get(9).attributeList().remove(DicomInstance.tag("ImagePositionPatient"));
        assertThat(reason(VolumeAssembler.assemble(noPosition))).contains("ImagePositionPatient");

        // Densities must be numbers: the detector's thresholds rely on it (see Thresholder).
        List<DicomInstance> notANumber = readAll();
        set(notANumber.get(4), "RescaleSlope", "NaN");
        assertThat(reason(VolumeAssembler.assemble(notANumber))).contains("RescaleSlope is not a finite number");
        List<DicomInstance> infinite = readAll();
        set(infinite.get(5), "RescaleIntercept", "-Infinity");
        assertThat(reason(VolumeAssembler.assemble(infinite))).contains("RescaleIntercept is not a finite number");

        // A localizer travelling with the axial slices is left out; the axial slices still make the volume.
        List<DicomInstance> withScout = readAll();
        DicomInstance scout = read(SharedData.lidcSlices("LIDC-IDRI-0001").get(0));
        set(scout, "ImageType", "ORIGINAL", "PRIMARY", "LOCALIZER");
        set(scout, "SOPInstanceUID", "2.25.1");
        withScout.add(scout);
        assertThat(assembled(VolumeAssembler.assemble(withScout)).depth()).isEqualTo(16);
    }

    private static Path encode(Path original, List<String> encoder, Path folder) {
        Path output = folder.resolve(encoder.get(0) + "-" + original.getFileName());
        List<String> command = new ArrayList<>(encoder);
        command.add(original.toString());
        command.add(output.toString());
        Dcmtk.Result result = Dcmtk.run(command);
        assertThat(result.succeeded()).as("%s: %s", command, result.output()).isTrue();
        return output;
    }

    private static CtVolume assembled(VolumeAssembly assembly) {
        assertThat(assembly).isInstanceOf(Assembled.class);
        return ((Assembled) assembly).volume();
    }

    private static String reason(VolumeAssembly assembly) {
        assertThat(assembly).isInstanceOf(NotAnalysable.class);
        return ((NotAnalysable) assembly).reason();
    }

    private static void set(DicomInstance instance, String keyword, String... values) throws Exception {
        Attribute attribute = AttributeFactory.newAttribute(DicomInstance.tag(keyword));
        for (String value : values) {
            attribute.addValue(value);
        }
        instance.attributeList().put(attribute);
    }

    private static List<DicomInstance> readAll() throws Exception {
        List<DicomInstance> instances = new ArrayList<>();
        for (Path file : SharedData.lidcSlices("LIDC-IDRI-0001")) {
            instances.add(read(file));
        }
        return instances;
    }

    private static DicomInstance read(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return DicomInstance.readPart10(in);
        }
    }
}
