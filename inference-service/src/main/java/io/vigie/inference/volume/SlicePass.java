package io.vigie.inference.volume;

/**
 * Work on each slice of a volume as soon as assembly has written it, on the thread that wrote it, while the slice
 * is still in that core's cache ({@code VolumeAssembler.assemble(instances, memory, pass)}).
 *
 * <p>Why: read again once the whole volume is assembled, 300 MB of densities come back from memory. The detector's
 * lung mask done this way took 0.11 s with assembly instead of 0.13 to 0.15 s after it (docs/benchmarks.md,
 * Detection).
 *
 * @param <B> one thread's buffers
 */
public interface SlicePass<B> {

    /** A new thread's buffers. */
    B buffers();

    /**
     * Slice {@code z} of the volume is written; other slices may not be yet. Called once for each slice that
     * decoded, from any of the assembling threads; a slice that did not decode is not passed, and the volume is
     * then not analysable.
     */
    void sliceAssembled(B buffers, int z);
}
