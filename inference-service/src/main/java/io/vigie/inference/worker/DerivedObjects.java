package io.vigie.inference.worker;

import java.util.Objects;

/**
 * The Part 10 files of an analysis' SR and SEG.
 *
 * @param srPart10  the SR, always (a report of no findings is a report too)
 * @param segPart10 the Segmentation; null when there is nothing to segment
 */
public record DerivedObjects(byte[] srPart10, byte[] segPart10) {

    public DerivedObjects {
        Objects.requireNonNull(srPart10, "an analysis always has its SR");
    }
}
