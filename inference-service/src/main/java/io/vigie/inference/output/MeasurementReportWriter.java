package io.vigie.inference.output;

import io.vigie.dicom.DataSetBuilder;
import io.vigie.dicom.DicomInstance;
import io.vigie.inference.detection.Candidate;
import java.util.ArrayList;
import java.util.List;

/**
 * A DICOM SR Measurement Report (PS3.16 TID 1500) in a Comprehensive 3D SR document: an image library of the source
 * slices and one measurement group (TID 1501) per finding with its tracking identifiers, finding type and site, the
 * algorithm (TID 4019), diameter, volume and the model's certainty, its centre as a SCOORD3D point in the CT's frame
 * of reference, and a reference to its segment in the SEG written beside it.
 */
final class MeasurementReportWriter {

    static final String COMPREHENSIVE_3D_SR = "1.2.840.10008.5.1.4.1.1.88.34";
    static final int SERIES_NUMBER = 9000;

    private static final String CONTAINS = "CONTAINS";
    private static final String HAS_CONCEPT_MOD = "HAS CONCEPT MOD";
    private static final String HAS_OBS_CONTEXT = "HAS OBS CONTEXT";

    private MeasurementReportWriter() {
    }

    /** @param segmentationSopUid the SEG that holds each finding's segment, or null when there is none */
    static DicomInstance write(SourceSeries source, List<TrackedFinding> findings, Algorithm algorithm,
            OutputContext context, String segmentationSopUid) {
        DataSetBuilder sr = new DataSetBuilder();
        context.commonModules(sr, source, COMPREHENSIVE_3D_SR, context.reportSeriesUid(), context.reportSopUid(),
                "SR", SERIES_NUMBER, "Vigie nodule measurements");
        sr.empty("ReferencedPerformedProcedureStepSequence")
                .empty("PerformedProcedureCodeSequence")
                .set("CompletionFlag", "COMPLETE")
                .set("VerificationFlag", "UNVERIFIED")
                .sequence("ContentTemplateSequence", new DataSetBuilder()
                        .set("MappingResource", "DCMR")
                        .set("TemplateIdentifier", "1500"));
        sr.sequence("CurrentRequestedProcedureEvidenceSequence", evidence(source, context, segmentationSopUid));

        ContentItem root = ContentItem.container(null, Code.IMAGING_MEASUREMENT_REPORT)
                .add(ContentItem.code(HAS_CONCEPT_MOD, Code.LANGUAGE, Code.ENGLISH_US))
                .add(ContentItem.code(HAS_OBS_CONTEXT, Code.OBSERVER_TYPE, Code.DEVICE))
                .add(ContentItem.uid(HAS_OBS_CONTEXT, Code.DEVICE_OBSERVER_UID,
                        context.uids().forName("vigie-model:" + algorithm.name() + ":" + algorithm.version())))
                .add(ContentItem.text(HAS_OBS_CONTEXT, Code.DEVICE_OBSERVER_NAME, algorithm.name()))
                .add(ContentItem.text(HAS_OBS_CONTEXT, Code.DEVICE_OBSERVER_MANUFACTURER,
                        OutputContext.MANUFACTURER))
                .add(ContentItem.text(HAS_OBS_CONTEXT, Code.DEVICE_OBSERVER_MODEL_NAME, algorithm.name()))
                .add(ContentItem.code(HAS_CONCEPT_MOD, Code.PROCEDURE_REPORTED, Code.CT_UNSPECIFIED_BODY_REGION))
                .add(imageLibrary(source));
        ContentItem measurements = ContentItem.container(CONTAINS, Code.IMAGING_MEASUREMENTS);
        for (TrackedFinding finding : findings) {
            measurements.add(group(source, finding, algorithm, segmentationSopUid));
        }
        root.add(measurements);
        root.writeInto(sr);
        return sr.build();
    }

    private static ContentItem imageLibrary(SourceSeries source) {
        ContentItem group = ContentItem.container(CONTAINS, Code.IMAGE_LIBRARY_GROUP);
        for (String sopInstanceUid : source.volume().sopInstanceUids()) {
            group.add(ContentItem.image(CONTAINS, null, source.sopClassUid(), sopInstanceUid, null));
        }
        return ContentItem.container(CONTAINS, Code.IMAGE_LIBRARY).add(group);
    }

    private static ContentItem group(SourceSeries source, TrackedFinding tracked, Algorithm algorithm,
            String segmentationSopUid) {
        Candidate candidate = tracked.finding().candidate();
        ContentItem group = ContentItem.container(CONTAINS, Code.MEASUREMENT_GROUP)
                .add(ContentItem.text(HAS_OBS_CONTEXT, Code.TRACKING_IDENTIFIER, tracked.trackingId()))
                .add(ContentItem.uid(HAS_OBS_CONTEXT, Code.TRACKING_UNIQUE_IDENTIFIER, tracked.trackingUid()))
                .add(ContentItem.code(HAS_CONCEPT_MOD, Code.FINDING, Code.NODULE))
                .add(ContentItem.text(HAS_CONCEPT_MOD, Code.ALGORITHM_NAME, algorithm.name()))
                .add(ContentItem.text(HAS_CONCEPT_MOD, Code.ALGORITHM_VERSION, algorithm.version()))
                .add(ContentItem.code(HAS_CONCEPT_MOD, Code.FINDING_SITE, Code.LUNG))
                .add(ContentItem.number(CONTAINS, Code.DIAMETER, candidate.diameterMm(), Code.MILLIMETRE))
                .add(ContentItem.number(CONTAINS, Code.VOLUME, candidate.volumeMm3(), Code.CUBIC_MILLIMETRE))
                .add(ContentItem.number(CONTAINS, Code.CERTAINTY_OF_FINDING, 100 * tracked.finding().probability(),
                        Code.PERCENT))
                .add(ContentItem.point(CONTAINS, Code.CENTER, candidate.centre(), source.frameOfReferenceUid()));
        if (segmentationSopUid != null) {
            group.add(ContentItem.image(CONTAINS, Code.REFERENCED_SEGMENT, SegmentationWriter.SEGMENTATION_STORAGE,
                    segmentationSopUid, tracked.number()));
        }
        return group;
    }

    /** Every instance the content refers to: the source slices, and the SEG (same study, its own series). */
    private static DataSetBuilder evidence(SourceSeries source, OutputContext context, String segmentationSopUid) {
        List<DataSetBuilder> slices = new ArrayList<>();
        for (String uid : source.volume().sopInstanceUids()) {
            slices.add(new DataSetBuilder()
                    .set("ReferencedSOPClassUID", source.sopClassUid())
                    .set("ReferencedSOPInstanceUID", uid));
        }
        List<DataSetBuilder> series = new ArrayList<>();
        series.add(new DataSetBuilder()
                .set("SeriesInstanceUID", source.seriesInstanceUid())
                .sequence("ReferencedSOPSequence", slices));
        if (segmentationSopUid != null) {
            series.add(new DataSetBuilder()
                    .set("SeriesInstanceUID", context.segmentationSeriesUid())
                    .sequence("ReferencedSOPSequence", new DataSetBuilder()
                            .set("ReferencedSOPClassUID", SegmentationWriter.SEGMENTATION_STORAGE)
                            .set("ReferencedSOPInstanceUID", segmentationSopUid)));
        }
        return new DataSetBuilder()
                .set("StudyInstanceUID", source.studyInstanceUid())
                .sequence("ReferencedSeriesSequence", series);
    }
}
