package io.vigie.inference.volume;

/**
 * Keeps the densities array of the last volume a worker finished with, for its next volume of the same size.
 *
 * <p>Why: a 300-slice CT is 300 MB of floats. Java zeroes a new array on the allocating thread before assembly can
 * start writing slices in parallel: 30 ms on one core here, a tenth of the detector's work around its model, and
 * every such array brings the next garbage collection closer. Every voxel of a volume is written by its assembly, so
 * the old values never show. The cost is the spare's memory while the worker waits for its next series.
 *
 * <p>One per worker thread; {@link #recycle} only a volume nothing will read again.
 */
public final class VolumeMemory {

    private float[] spare;

    /** An array of {@code length} floats: the spare when it has that length, else a new one (the spare dropped). */
    synchronized float[] densities(int length) {
        float[] array = spare != null && spare.length == length ? spare : new float[length];
        spare = null;
        return array;
    }

    /** {@code volume} is done with: its densities may become the next volume's. */
    public synchronized void recycle(CtVolume volume) {
        spare = volume.hu();
    }
}
