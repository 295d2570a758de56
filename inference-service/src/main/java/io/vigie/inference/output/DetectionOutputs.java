package io.vigie.inference.output;

import io.vigie.dicom.DicomInstance;
import java.util.List;
import java.util.Optional;

/**
 * The DICOM objects of one analysed series, new instances in the source's study, each in its own new series.
 *
 * @param measurementReport the SR Measurement Report: always, also when nothing was found (it then says so: an
 *                          Imaging Measurements container with no group)
 * @param segmentation      the SEG of the findings; empty when there are none (a SEG needs at least one segment)
 * @param trackingUids      the Tracking Unique Identifier of each finding, in the order of the findings given: the SR
 *                          group and the SEG segment of finding i carry {@code trackingUids.get(i)}, segment number i+1
 */
public record DetectionOutputs(DicomInstance measurementReport, Optional<DicomInstance> segmentation,
        List<String> trackingUids) {

    /** Source AE title written in the file meta information of the Part 10 files. */
    public static final String SOURCE_AE_TITLE = "VIGIE";

    /** The SR as a Part 10 file (Explicit VR Little Endian), ready for the archive's write path. */
    public byte[] measurementReportPart10() {
        return measurementReport.toPart10(SOURCE_AE_TITLE);
    }

    /** The SEG as a Part 10 file (Explicit VR Little Endian), when there is one. */
    public Optional<byte[]> segmentationPart10() {
        return segmentation.map(seg -> seg.toPart10(SOURCE_AE_TITLE));
    }
}
