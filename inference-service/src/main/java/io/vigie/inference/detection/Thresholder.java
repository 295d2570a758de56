package io.vigie.inference.detection;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Thresholds densities into packed words (bit k of a word for value k, as {@link PackedMask} stores pixels), 64 at a
 * time. One per thread: it keeps a 64-byte buffer.
 *
 * <p>Why this way: the lung mask thresholds every voxel of the volume, and one comparison and one shift per value was
 * half of the lung mask's time. Here a value's bit is the sign of its difference to the threshold, written as one
 * byte per value in a loop the JIT vectorises; a multiplication then gathers eight such bytes into eight bits. On
 * 512-wide rows this took about half the time of the comparisons it replaces (a scratch benchmark, see
 * docs/benchmarks.md). The bits are the comparisons' own, with one condition: no value is NaN (the volume's
 * densities are rescaled integers, and {@code VolumeAssembler} refuses a non-finite rescale).
 */
final class Thresholder {

    private static final VarHandle EIGHT_BYTES = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    /** Byte i (0 or 1) of a little-endian long times this lands in bit 56 + i: eight bytes to eight bits. */
    private static final long GATHER = 0x0102040810204080L;

    private final byte[] signs = new byte[64];

    /** Bit k set when {@code values[first + k] < threshold}, for k below {@code count} (at most 64). */
    long below(float[] values, int first, int count, float threshold) {
        checkThreshold(threshold);
        // v < t exactly when v - t is negative: a difference of two floats is zero only when they are equal, and its
        // sign is then +0, except -0 - (+0); a threshold of zero is taken as -0, for which v - t is never -0.
        float t = threshold == 0 ? -0f : threshold;
        if (count < 64) {
            long word = 0;
            for (int k = 0; k < count; k++) {
                word |= (long) (Float.floatToRawIntBits(values[first + k] - t) >>> 31) << k;
            }
            return word;
        }
        for (int k = 0; k < 64; k++) {
            signs[k] = (byte) (Float.floatToRawIntBits(values[first + k] - t) >>> 31);
        }
        return gathered();
    }

    /** Bit k set when {@code values[first + k] > threshold}: {@link #below}'s mirror. */
    long above(float[] values, int first, int count, float threshold) {
        checkThreshold(threshold);
        // v > t exactly when t - v is negative; with a threshold of zero taken as +0, t - v is never -0.
        float t = threshold == 0 ? 0f : threshold;
        if (count < 64) {
            long word = 0;
            for (int k = 0; k < count; k++) {
                word |= (long) (Float.floatToRawIntBits(t - values[first + k]) >>> 31) << k;
            }
            return word;
        }
        for (int k = 0; k < 64; k++) {
            signs[k] = (byte) (Float.floatToRawIntBits(t - values[first + k]) >>> 31);
        }
        return gathered();
    }

    /** The 64 bytes of {@link #signs} (each 0 or 1) as the 64 bits of a word. */
    private long gathered() {
        long word = 0;
        for (int b = 0; b < 8; b++) {
            long eight = (long) EIGHT_BYTES.get(signs, b * 8);
            word |= ((eight * GATHER) >>> 56) << (b * 8);
        }
        return word;
    }

    private static void checkThreshold(float threshold) {
        if (Float.isNaN(threshold)) {
            throw new IllegalArgumentException("a threshold cannot be NaN");
        }
    }
}
