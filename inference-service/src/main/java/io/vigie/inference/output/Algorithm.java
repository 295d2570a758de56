package io.vigie.inference.output;

import io.vigie.inference.detection.ModelDescriptor;

/**
 * The model that produced the findings, as the outputs name it (SR TID 4019 Algorithm Identification, the
 * segmentation's Segment Algorithm Name, Software Versions).
 */
public record Algorithm(String name, String version) {

    public Algorithm {
        if (name == null || name.isBlank() || version == null || version.isBlank()) {
            throw new IllegalArgumentException("an algorithm needs a name and a version");
        }
        if (name.length() > 64 || version.length() > 64) {
            throw new IllegalArgumentException("algorithm name and version are LO values: 64 characters at most");
        }
    }

    /** The model the detector ran, as its registry describes it. */
    public static Algorithm of(ModelDescriptor model) {
        return new Algorithm(model.name(), model.version());
    }
}
