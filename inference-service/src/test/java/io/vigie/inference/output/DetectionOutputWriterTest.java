package io.vigie.inference.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.vigie.dicom.DicomInstance;
import io.vigie.inference.detection.Candidate;
import io.vigie.inference.detection.NoduleDetector.Finding;
import io.vigie.inference.volume.CtVolume;
import io.vigie.inference.volume.TestVolumes;
import io.vigie.inference.volume.VolumeAssembler;
import io.vigie.inference.volume.VolumeAssembly.Assembled;
import io.vigie.testing.Dcmtk;
import io.vigie.testing.SharedData;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The SR and SEG of two findings on the real LIDC-IDRI-0001 CT (the reference nodule and a small one elsewhere in
 * the lung), checked by dicom3tools' dciodvfy (no error) and read back by pydicom, a reader that shares no code with
 * the writer.
 */
class DetectionOutputWriterTest {

    /** LUNA16's reference nodule of LIDC-IDRI-0001 (../shared/data/README.md). */
    private static final double[] NODULE = {56.2, 86.3, -115.9};
    private static final double NODULE_DIAMETER = 23.4;
    private static final double[] SMALL = {-80.0, 40.0, -120.0};
    private static final double SMALL_DIAMETER = 6.0;
    private static final Algorithm ALGORITHM = new Algorithm("vigie-lung-nodule", "0.3.1");

    private static List<DicomInstance> instances;
    private static CtVolume volume;

    @TempDir
    Path folder;

    @BeforeAll
    static void assembleLidc() throws Exception {
        instances = TestVolumes.lidcInstances("LIDC-IDRI-0001");
        volume = ((Assembled) VolumeAssembler.assemble(instances)).volume();
    }

    @Test
    void bothObjectsAreValidAndAThirdPartyReaderFindsTheMeasurementsAndSegments() throws Exception {
        List<Finding> findings = List.of(finding(NODULE, NODULE_DIAMETER, 0.91), finding(SMALL, SMALL_DIAMETER, 0.42));
        DetectionOutputs outputs = writer().write(SourceSeries.of(volume, instances), findings);

        Path sr = Files.write(folder.resolve("sr.dcm"), outputs.measurementReportPart10());
        Path seg = Files.write(folder.resolve("seg.dcm"), outputs.segmentationPart10().orElseThrow());
        assertNoDciodvfyErrors(sr);
        assertNoDciodvfyErrors(seg);
        keepForInspection(sr, seg);
        // dicom3tools' entity check: the outputs and the CT agree on every patient and study attribute.
        List<String> entities = new ArrayList<>(List.of("dcentvfy", sr.toString(), seg.toString()));
        SharedData.lidcSlices("LIDC-IDRI-0001").forEach(slice -> entities.add(slice.toString()));
        Dcmtk.Result entityCheck = Dcmtk.run(entities);
        assertThat(entityCheck.output().lines().filter(line -> line.startsWith("Error")).toList())
                .as("dcentvfy:%n%s", entityCheck.output()).isEmpty();

        JsonNode read = readWithPydicom(sr, seg);
        DicomInstance source = instances.get(0);
        JsonNode report = read.get("sr");
        assertThat(report.get("sopClassUid").asString()).isEqualTo(MeasurementReportWriter.COMPREHENSIVE_3D_SR);
        assertThat(report.get("studyUid").asString()).isEqualTo(source.string("StudyInstanceUID"));
        assertThat(report.get("patientId").asString()).isEqualTo(source.string("PatientID"));
        assertThat(report.get("seriesUid").asString()).isNotEqualTo(source.string("SeriesInstanceUID"))
                .startsWith(UidGenerator.VIGIE_ROOT + ".");
        assertThat(report.get("template").asString()).isEqualTo("1500");
        assertThat(strings(report.get("imageLibrary"))).containsExactlyElementsOf(volume.sopInstanceUids());
        assertThat(strings(report.get("evidence"))).containsAll(volume.sopInstanceUids())
                .contains(outputs.segmentation().orElseThrow().string("SOPInstanceUID"));

        JsonNode groups = report.get("groups");
        assertThat(groups.size()).isEqualTo(2);
        for (int i = 0; i < 2; i++) {
            JsonNode group = groups.get(i);
            Candidate candidate = findings.get(i).candidate();
            assertThat(group.get("trackingId").asString()).isEqualTo("Nodule " + (i + 1));
            assertThat(group.get("trackingUid").asString()).isEqualTo(outputs.trackingUids().get(i));
            assertThat(group.get("finding").asString()).isEqualTo("SCT:27925004");
            assertThat(group.get("findingSite").asString()).isEqualTo("SCT:39607008");
            assertThat(group.get("algorithmName").asString()).isEqualTo(ALGORITHM.name());
            assertThat(group.get("algorithmVersion").asString()).isEqualTo(ALGORITHM.version());
            JsonNode numbers = group.get("numbers");
            assertThat(numbers.get("SCT:81827009").get(0).asDouble()).isCloseTo(candidate.diameterMm(), within(1e-6));
            assertThat(numbers.get("SCT:81827009").get(1).asString()).isEqualTo("mm");
            assertThat(numbers.get("SCT:118565006").get(0).asDouble()).isCloseTo(candidate.volumeMm3(),
                    within(1e-3));
            assertThat(numbers.get("SCT:118565006").get(1).asString()).isEqualTo("mm3");
            assertThat(numbers.get("DCM:111012").get(0).asDouble())
                    .isCloseTo(100 * findings.get(i).probability(), within(1e-6));
            assertThat(group.get("centreType").asString()).isEqualTo("POINT");
            assertThat(group.get("centreFrameOfReference").asString()).isEqualTo(source.string("FrameOfReferenceUID"));
            for (int axis = 0; axis < 3; axis++) {
                assertThat(group.get("centre").get(axis).asDouble()).isCloseTo(candidate.centre()[axis],
                        within(1e-4)); // FL: single precision
            }
            assertThat(group.get("segmentSop").asString())
                    .isEqualTo(outputs.segmentation().orElseThrow().string("SOPInstanceUID"));
            assertThat(group.get("segmentNumber").asInt()).isEqualTo(i + 1);
        }

        JsonNode segmentation = read.get("seg");
        assertThat(segmentation.get("sopClassUid").asString()).isEqualTo(SegmentationWriter.SEGMENTATION_STORAGE);
        assertThat(segmentation.get("studyUid").asString()).isEqualTo(source.string("StudyInstanceUID"));
        assertThat(segmentation.get("seriesUid").asString()).isNotEqualTo(source.string("SeriesInstanceUID"))
                .isNotEqualTo(report.get("seriesUid").asString());
        assertThat(segmentation.get("frameOfReference").asString()).isEqualTo(source.string("FrameOfReferenceUID"));
        assertThat(segmentation.get("segmentationType").asString()).isEqualTo("BINARY");
        JsonNode segments = segmentation.get("segments");
        assertThat(segments.size()).isEqualTo(2);
        double voxelVolume = volume.spacing()[0] * volume.spacing()[1] * volume.spacing()[2];
        for (int i = 0; i < 2; i++) {
            Candidate candidate = findings.get(i).candidate();
            assertThat(segments.get(i).get("number").asInt()).isEqualTo(i + 1);
            assertThat(segments.get(i).get("trackingUid").asString()).isEqualTo(outputs.trackingUids().get(i));
            assertThat(segments.get(i).get("type").asString()).isEqualTo("27925004");
            // The segment is the sphere of the reported diameter: its voxels make the reported volume.
            assertThat(segments.get(i).get("voxels").asInt() * voxelVolume).as("segment %d volume", i + 1)
                    .isCloseTo(candidate.volumeMm3(), within(0.1 * candidate.volumeMm3()));
        }
        // Every frame lies on its source slice, and the reference nodule's 23.4 mm span ~10 slices of 2.5 mm.
        JsonNode frames = segmentation.get("frames");
        assertThat(segmentation.get("numberOfFrames").asInt()).isEqualTo(frames.size());
        assertThat(segmentation.get("pixelShape").get(0).asInt()).isEqualTo(frames.size());
        assertThat(segmentation.get("pixelShape").get(1).asInt()).isEqualTo(volume.height());
        long noduleFrames = 0;
        for (JsonNode frame : frames) {
            int z = volume.sopInstanceUids().indexOf(frame.get("sourceSop").asString());
            assertThat(z).isNotNegative();
            List<String> position = instances.stream()
                    .filter(instance -> instance.string("SOPInstanceUID").equals(frame.get("sourceSop").asString()))
                    .findFirst().orElseThrow().strings("ImagePositionPatient");
            for (int axis = 0; axis < 3; axis++) {
                assertThat(frame.get("position").get(axis).asDouble())
                        .isCloseTo(Double.parseDouble(position.get(axis)), within(1e-6));
            }
            assertThat(frame.get("voxels").asInt()).isPositive();
            Candidate segmented = findings.get(frame.get("segment").asInt() - 1).candidate();
            double sliceDistance = Math.abs(volume.toPatient(0, 0, z)[2] - segmented.centre()[2]);
            assertThat(sliceDistance).isLessThanOrEqualTo(segmented.diameterMm() / 2);
            if (frame.get("segment").asInt() == 1) {
                noduleFrames++;
            }
        }
        assertThat(noduleFrames).isBetween(8L, 10L);
    }

    @Test
    void aSeriesWithoutFindingsGetsAValidReportThatSaysSoAndNoSegmentation() throws Exception {
        DetectionOutputs outputs = writer().write(SourceSeries.of(volume, instances.get(0)), List.of());

        assertThat(outputs.segmentation()).isEmpty();
        Path sr = Files.write(folder.resolve("empty-sr.dcm"), outputs.measurementReportPart10());
        assertNoDciodvfyErrors(sr);
        DicomInstance read;
        try (InputStream in = Files.newInputStream(sr)) {
            read = DicomInstance.readPart10(in);
        }
        assertThat(read.string("SOPClassUID")).isEqualTo(MeasurementReportWriter.COMPREHENSIVE_3D_SR);
        assertThat(read.string("CompletionFlag")).isEqualTo("COMPLETE");
    }

    @Test
    void overlappingSegmentsAreDeclaredAndATinyFindingStillHasAVoxel() throws Exception {
        List<Finding> findings = List.of(finding(NODULE, NODULE_DIAMETER, 0.9), finding(NODULE, 8, 0.6),
                finding(SMALL, 0.1, 0.3));
        DetectionOutputs outputs = writer().write(SourceSeries.of(volume, instances.get(0)), findings);

        DicomInstance seg = outputs.segmentation().orElseThrow();
        assertThat(seg.string("SegmentsOverlap")).isEqualTo("YES");
        Path file = Files.write(folder.resolve("overlap-seg.dcm"), outputs.segmentationPart10().orElseThrow());
        assertNoDciodvfyErrors(file);
        JsonNode read = readWithPydicom(Files.write(folder.resolve("overlap-sr.dcm"),
                outputs.measurementReportPart10()), file);
        JsonNode segments = read.get("seg").get("segments");
        assertThat(segments.size()).isEqualTo(3);
        assertThat(segments.get(2).get("voxels").asInt()).isEqualTo(1);
        assertThat(segments.get(1).get("voxels").asInt()).isLessThan(segments.get(0).get("voxels").asInt());
    }

    @Test
    void findingsOutsideTheSeriesOrWithImpossibleValuesAreRefusedWithTheReason() {
        DetectionOutputWriter writer = writer();
        SourceSeries source = SourceSeries.of(volume, instances);
        assertThatThrownBy(() -> writer.write(source, List.of(finding(new double[] {56.2, 86.3, 40.0}, 10, 0.9))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside the series");
        assertThatThrownBy(() -> writer.write(source, List.of(finding(NODULE, NODULE_DIAMETER, 1.5))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("probability");
        assertThatThrownBy(() -> writer.write(source, List.of(finding(NODULE, Double.NaN, 0.5))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("diameter");
    }

    /** Leaves the objects in target/dicom-outputs, to be looked at with dcmdump, dsrdump or a viewer. */
    private static void keepForInspection(Path... files) throws java.io.IOException {
        Path kept = Files.createDirectories(Path.of("target", "dicom-outputs"));
        for (Path file : files) {
            Files.copy(file, kept.resolve(file.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static DetectionOutputWriter writer() {
        return new DetectionOutputWriter(ALGORITHM, new UidGenerator(), Clock.systemUTC());
    }

    private static Finding finding(double[] centre, double diameter, double probability) {
        double volumeMm3 = Math.PI / 6 * diameter * diameter * diameter;
        double[] voxel = volume.toVoxel(centre);
        return new Finding(new Candidate(centre, voxel, diameter, volumeMm3, 0), probability);
    }

    private static void assertNoDciodvfyErrors(Path file) {
        Dcmtk.Result result = Dcmtk.run(List.of("dciodvfy", file.toString()));
        List<String> errors = result.output().lines().filter(line -> line.startsWith("Error")).toList();
        assertThat(errors).as("dciodvfy of %s:%n%s", file.getFileName(), result.output()).isEmpty();
        // dciodvfy names the IOD it checked against: it must have recognised the object.
        assertThat(result.output()).doesNotContain("Unrecognized SOP Class");
    }

    private JsonNode readWithPydicom(Path sr, Path seg) throws Exception {
        Path script = folder.resolve("read_outputs.py");
        try (InputStream in = Objects.requireNonNull(getClass().getResourceAsStream("read_outputs.py"))) {
            Files.copy(in, script);
        }
        Dcmtk.Result result = Dcmtk.run(List.of("/usr/bin/python3", script.toString(), sr.toString(),
                seg.toString()));
        assertThat(result.succeeded()).as("pydicom read: %s", result.output()).isTrue();
        return JsonMapper.builder().build().readTree(result.output());
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asString()));
        return values;
    }
}
