package io.vigie.inference.worker;

import io.vigie.inference.detection.Candidate;
import io.vigie.inference.detection.NoduleDetector;
import io.vigie.inference.output.Algorithm;
import io.vigie.inference.output.DetectionOutputWriter;
import io.vigie.inference.output.DetectionOutputs;
import io.vigie.inference.output.SourceSeries;
import io.vigie.inference.output.UidGenerator;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The worker's SR and SEG: {@link DetectionOutputWriter}'s TID 1500 Measurement Report and binary Segmentation, with
 * every UID drawn from a generator seeded by the analysis ({@link UidGenerator#derivedFrom}), so that a retry makes
 * the same instances. Finding i is "Nodule i+1" in both, as the output writer numbers them.
 */
public final class StandardDerivedObjectWriter implements DerivedObjectWriter {

    private final Clock clock;

    public StandardDerivedObjectWriter(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public DerivedObjects write(DerivedObjectRequest request) {
        DetectionOutputWriter writer = new DetectionOutputWriter(
                new Algorithm(request.model().name(), request.model().version()),
                UidGenerator.derivedFrom(request.uidSeed()), clock);
        List<NoduleDetector.Finding> findings = new ArrayList<>();
        for (DetectedLesion lesion : request.lesions()) {
            // Position, size and region as the detector gave them; the mean density is not reported.
            Candidate candidate = new Candidate(lesion.centre(), request.volume().toVoxel(lesion.centre()),
                    lesion.diameterMm(), lesion.volumeMm3(), Double.NaN, lesion.voxels());
            findings.add(new NoduleDetector.Finding(candidate, lesion.probability()));
        }
        DetectionOutputs outputs = writer.write(SourceSeries.of(request.volume(), request.sources()), findings);
        List<String> trackingIds = new ArrayList<>();
        for (int i = 1; i <= findings.size(); i++) {
            trackingIds.add("Nodule " + i);
        }
        return new DerivedObjects(outputs.measurementReportPart10(), outputs.segmentationPart10().orElse(null),
                outputs.trackingUids(), trackingIds);
    }
}
