package io.vigie.inference.worker;

import java.util.List;
import java.util.Objects;

/**
 * The Part 10 files of an analysis' SR and SEG, and how they name each finding.
 *
 * @param srPart10     the SR, always (a report of no findings is a report too)
 * @param segPart10    the Segmentation; null when there is nothing to segment
 * @param trackingUids the Tracking Unique Identifier of each lesion, in the order of the request's lesions
 * @param trackingIds  the Tracking Identifier of each lesion ("Nodule 1", ...), same order
 */
public record DerivedObjects(byte[] srPart10, byte[] segPart10, List<String> trackingUids,
                             List<String> trackingIds) {

    public DerivedObjects {
        Objects.requireNonNull(srPart10, "an analysis always has its SR");
        trackingUids = List.copyOf(trackingUids);
        trackingIds = List.copyOf(trackingIds);
        if (trackingUids.size() != trackingIds.size()) {
            throw new IllegalArgumentException("one tracking UID and one tracking identifier per finding");
        }
    }
}
