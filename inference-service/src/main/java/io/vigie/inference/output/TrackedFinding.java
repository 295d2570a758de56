package io.vigie.inference.output;

import io.vigie.inference.detection.NoduleDetector.Finding;

/**
 * A finding as both outputs name it: its segment number in the SEG, its Tracking Identifier and Tracking Unique
 * Identifier in the SR (and on the segment), and its voxels.
 */
record TrackedFinding(int number, String trackingId, String trackingUid, Finding finding, SegmentMask mask) {
}
