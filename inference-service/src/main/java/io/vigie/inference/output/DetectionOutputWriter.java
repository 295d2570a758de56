package io.vigie.inference.output;

import io.vigie.dicom.DicomInstance;
import io.vigie.inference.detection.NoduleDetector.Finding;
import io.vigie.inference.volume.CtVolume;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes the DICOM outputs of one analysed CT series: an SR Measurement Report (TID 1500, Comprehensive 3D SR) and a
 * binary Segmentation (SEG) of the findings, both new instances in the source's study, in new series, under new UIDs
 * from the {@link UidGenerator}, patient and study attributes copied from the (already de-identified) source.
 *
 * <p>Use: assemble the series ({@code VolumeAssembler}), detect ({@code NoduleDetector}), then
 * <pre>{@code
 * DetectionOutputWriter writer = new DetectionOutputWriter(new Algorithm(model.name(), model.version()),
 *         new UidGenerator(), Clock.systemDefaultZone());
 * DetectionOutputs outputs = writer.write(SourceSeries.of(volume, instances), findings);
 * archive.store(outputs.measurementReportPart10()) ...; outputs.segmentationPart10().ifPresent(...)
 * }</pre>
 * One writer serves any number of threads: it keeps no state between calls.
 *
 * <p>Finding i (in the order given) is "Nodule i+1": SR measurement group i+1 and SEG segment number i+1, with the
 * same Tracking Identifier and Tracking Unique Identifier. A segment is the candidate's own region when it carries
 * it, else the sphere of its diameter around its centre ({@link SegmentMask}): either way the SEG shows the volume the
 * SR reports.
 *
 * <p>Bad input is an {@link IllegalArgumentException} with the reason, before anything is written: a source without
 * Study, Series, SOP Class or Frame of Reference UID, a finding whose centre lies outside the volume, a negative or
 * non-finite diameter.
 */
public final class DetectionOutputWriter {

    private final Algorithm algorithm;
    private final UidGenerator uids;
    private final Clock clock;

    public DetectionOutputWriter(Algorithm algorithm, UidGenerator uids, Clock clock) {
        this.algorithm = algorithm;
        this.uids = uids;
        this.clock = clock;
    }

    /** The SR and, when there are findings, the SEG of {@code findings} in {@code source}. */
    public DetectionOutputs write(SourceSeries source, List<Finding> findings) {
        CtVolume volume = source.volume();
        List<TrackedFinding> tracked = new ArrayList<>();
        for (Finding finding : findings) {
            if (!Double.isFinite(finding.probability()) || finding.probability() < 0 || finding.probability() > 1) {
                throw new IllegalArgumentException("finding probability must be within [0, 1]: "
                        + finding.probability());
            }
            int number = tracked.size() + 1;
            tracked.add(new TrackedFinding(number, "Nodule " + number, uids.next(), finding,
                    SegmentMask.of(volume, finding.candidate())));
        }
        OutputContext context = OutputContext.create(uids, ZonedDateTime.now(clock));
        Optional<DicomInstance> segmentation = tracked.isEmpty() ? Optional.empty()
                : Optional.of(SegmentationWriter.write(source, tracked, algorithm, context));
        DicomInstance report = MeasurementReportWriter.write(source, tracked, algorithm, context,
                segmentation.isPresent() ? context.segmentationSopUid() : null);
        return new DetectionOutputs(report, segmentation, tracked.stream().map(TrackedFinding::trackingUid).toList());
    }
}
