package io.vigie.inference.output;

import io.vigie.dicom.DataSetBuilder;
import io.vigie.dicom.DicomInstance;
import io.vigie.inference.volume.CtVolume;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A DICOM Segmentation (PS3.3 A.51, SEG, BINARY) of the findings: one segment per finding, one frame per segment and
 * slice the segment touches, each frame referencing its source slice (Derivation Image), with its Plane Position
 * and the CT's orientation, spacing and Frame of Reference, so that a viewer lays it over the CT as it is.
 */
final class SegmentationWriter {

    static final String SEGMENTATION_STORAGE = "1.2.840.10008.5.1.4.1.1.66.4";
    static final int SERIES_NUMBER = 9001;

    private SegmentationWriter() {
    }

    static DicomInstance write(SourceSeries source, List<TrackedFinding> findings, Algorithm algorithm,
            OutputContext context) {
        if (findings.isEmpty()) {
            throw new IllegalArgumentException("a segmentation needs at least one segment");
        }
        CtVolume volume = source.volume();
        DataSetBuilder seg = new DataSetBuilder();
        context.commonModules(seg, source, SEGMENTATION_STORAGE, context.segmentationSeriesUid(),
                context.segmentationSopUid(), "SEG", SERIES_NUMBER, "Vigie nodule segmentation");
        seg.set("ImageType", "DERIVED", "PRIMARY")
                .set("ContentLabel", "NODULES")
                .set("ContentDescription", "Lung nodules found by " + algorithm.name())
                .empty("ContentCreatorName")
                .set("SegmentationType", "BINARY")
                .set("SegmentsOverlap", overlap(findings) ? "YES" : "NO")
                .set("LossyImageCompression", "00")
                .copyOrEmpty(source.header(), "PositionReferenceIndicator")
                .set("FrameOfReferenceUID", source.frameOfReferenceUid())
                .set("ManufacturerModelName", algorithm.name())
                // Type 1 here; a model has no serial number, and its version is what tells two of them apart.
                .set("DeviceSerialNumber", algorithm.version())
                .set("SoftwareVersions", algorithm.version())
                .numbers("SamplesPerPixel", 1)
                .set("PhotometricInterpretation", "MONOCHROME2")
                .numbers("Rows", volume.height())
                .numbers("Columns", volume.width())
                .numbers("BitsAllocated", 1)
                .numbers("BitsStored", 1)
                .numbers("HighBit", 0)
                .numbers("PixelRepresentation", 0);

        List<DataSetBuilder> segments = new ArrayList<>();
        for (TrackedFinding finding : findings) {
            segments.add(new DataSetBuilder()
                    .numbers("SegmentNumber", finding.number())
                    .set("SegmentLabel", finding.trackingId())
                    .sequence("SegmentedPropertyCategoryCodeSequence", Code.MORPHOLOGICALLY_ABNORMAL_STRUCTURE.item())
                    .sequence("SegmentedPropertyTypeCodeSequence", Code.NODULE.item())
                    .sequence("AnatomicRegionSequence", Code.LUNG.item())
                    .set("SegmentAlgorithmType", "AUTOMATIC")
                    .set("SegmentAlgorithmName", algorithm.name())
                    .set("TrackingID", finding.trackingId())
                    .set("TrackingUID", finding.trackingUid()));
        }
        seg.sequence("SegmentSequence", segments);

        seg.sequence("SharedFunctionalGroupsSequence", new DataSetBuilder()
                .sequence("PixelMeasuresSequence", new DataSetBuilder()
                        .numbers("PixelSpacing", volume.spacing()[1], volume.spacing()[0])
                        .numbers("SliceThickness", sliceThickness(source))
                        .numbers("SpacingBetweenSlices", volume.spacing()[2]))
                .sequence("PlaneOrientationSequence", new DataSetBuilder()
                        .numbers("ImageOrientationPatient", volume.rowDirection()[0], volume.rowDirection()[1],
                                volume.rowDirection()[2], volume.columnDirection()[0], volume.columnDirection()[1],
                                volume.columnDirection()[2])));

        String dimensionOrganization = context.uids().next();
        seg.sequence("DimensionOrganizationSequence", new DataSetBuilder()
                .set("DimensionOrganizationUID", dimensionOrganization));
        seg.sequence("DimensionIndexSequence",
                dimension(dimensionOrganization, "ReferencedSegmentNumber", "SegmentIdentificationSequence",
                        "Segment number"),
                dimension(dimensionOrganization, "ImagePositionPatient", "PlanePositionSequence",
                        "Image position"));

        List<DataSetBuilder> frames = new ArrayList<>();
        List<BitSet> frameMasks = new ArrayList<>();
        SortedSet<Integer> referencedSlices = new TreeSet<>();
        for (TrackedFinding finding : findings) {
            for (Map.Entry<Integer, BitSet> slice : finding.mask().slices().entrySet()) {
                int z = slice.getKey();
                referencedSlices.add(z);
                frameMasks.add(slice.getValue());
                frames.add(frame(source, finding.number(), z));
            }
        }
        seg.sequence("PerFrameFunctionalGroupsSequence", frames);
        seg.numbers("NumberOfFrames", frames.size());

        List<DataSetBuilder> referencedInstances = new ArrayList<>();
        for (int z : referencedSlices) {
            referencedInstances.add(new DataSetBuilder()
                    .set("ReferencedSOPClassUID", source.sopClassUid())
                    .set("ReferencedSOPInstanceUID", volume.sopInstanceUids().get(z)));
        }
        seg.sequence("ReferencedSeriesSequence", new DataSetBuilder()
                .set("SeriesInstanceUID", source.seriesInstanceUid())
                .sequence("ReferencedInstanceSequence", referencedInstances));

        seg.bytes("PixelData", pack(frameMasks, volume.width() * volume.height()));
        return seg.build();
    }

    private static DataSetBuilder dimension(String organization, String pointer, String functionalGroup,
            String label) {
        return new DataSetBuilder()
                .set("DimensionOrganizationUID", organization)
                .setTags("DimensionIndexPointer", pointer)
                .setTags("FunctionalGroupPointer", functionalGroup)
                .set("DimensionDescriptionLabel", label);
    }

    private static DataSetBuilder frame(SourceSeries source, int segmentNumber, int z) {
        double[] position = source.slicePositions().get(z);
        return new DataSetBuilder()
                .sequence("DerivationImageSequence", new DataSetBuilder()
                        .sequence("SourceImageSequence", new DataSetBuilder()
                                .set("ReferencedSOPClassUID", source.sopClassUid())
                                .set("ReferencedSOPInstanceUID", source.volume().sopInstanceUids().get(z))
                                .sequence("PurposeOfReferenceCodeSequence", Code.SOURCE_IMAGE_FOR_PROCESSING.item()))
                        .sequence("DerivationCodeSequence", Code.SEGMENTATION.item()))
                .sequence("FrameContentSequence", new DataSetBuilder()
                        .numbers("DimensionIndexValues", segmentNumber, z + 1))
                .sequence("PlanePositionSequence", new DataSetBuilder()
                        .numbers("ImagePositionPatient", position))
                .sequence("SegmentIdentificationSequence", new DataSetBuilder()
                        .numbers("ReferencedSegmentNumber", segmentNumber));
    }

    /** 1-bit frames one after the other, no padding between them, the first pixel in the lowest bit (PS3.5 8.1.1). */
    static byte[] pack(List<BitSet> frames, int pixelsPerFrame) {
        long bits = (long) frames.size() * pixelsPerFrame;
        byte[] packed = new byte[Math.toIntExact((bits + 7) / 8)];
        for (int f = 0; f < frames.size(); f++) {
            BitSet frame = frames.get(f);
            checkWithinFrame(frame.length(), pixelsPerFrame);
            long offset = (long) f * pixelsPerFrame;
            for (int p = frame.nextSetBit(0); p >= 0; p = frame.nextSetBit(p + 1)) {
                long bit = offset + p;
                packed[(int) (bit >>> 3)] |= (byte) (1 << (bit & 7));
            }
        }
        return packed;
    }

    private static void checkWithinFrame(int used, int available) {
        if (used > available) {
            throw new IllegalArgumentException("a segment frame has pixels beyond the frame's " + available);
        }
    }

    private static double sliceThickness(SourceSeries source) {
        String thickness = source.header().string("SliceThickness");
        try {
            return thickness.isEmpty() ? source.volume().spacing()[2] : Double.parseDouble(thickness);
        } catch (NumberFormatException e) {
            return source.volume().spacing()[2];
        }
    }

    private static boolean overlap(List<TrackedFinding> findings) {
        for (int i = 0; i < findings.size(); i++) {
            for (int j = i + 1; j < findings.size(); j++) {
                if (findings.get(i).mask().overlaps(findings.get(j).mask())) {
                    return true;
                }
            }
        }
        return false;
    }
}
