package io.vigie.inference.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The sign-of-the-difference thresholds give exactly the bits of {@code <} and {@code >}, for every count of a word,
 * at thresholds the detector uses and at the awkward ones (zero of either sign), on values that include the
 * threshold itself, both zeros, infinities, the smallest floats and random densities.
 */
class ThresholderTest {

    private static final float[] THRESHOLDS = {-400f, -500f, -720f, 0f, -0f, 1e-30f, -1e-30f, Float.MIN_VALUE};

    @Test
    void givesTheBitsOfThePlainComparisons() {
        Random random = new Random(7);
        Thresholder thresholder = new Thresholder();
        for (float threshold : THRESHOLDS) {
            float[] special = {threshold, Math.nextUp(threshold), Math.nextDown(threshold), 0f, -0f,
                    Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE, -Float.MIN_VALUE,
                    Float.MAX_VALUE, -Float.MAX_VALUE};
            for (int trial = 0; trial < 200; trial++) {
                float[] values = new float[64 + 5];
                for (int i = 0; i < values.length; i++) {
                    values[i] = random.nextInt(4) == 0 ? special[random.nextInt(special.length)]
                            : random.nextInt(2400) - 1200 + random.nextFloat();
                }
                int first = random.nextInt(5);
                for (int count : new int[] {64, 63, 1 + random.nextInt(63)}) {
                    assertThat(thresholder.below(values, first, count, threshold))
                            .as("below %s, count %d", threshold, count)
                            .isEqualTo(plain(values, first, count, threshold, false));
                    assertThat(thresholder.above(values, first, count, threshold))
                            .as("above %s, count %d", threshold, count)
                            .isEqualTo(plain(values, first, count, threshold, true));
                }
            }
        }
    }

    @Test
    void refusesANaNThreshold() {
        assertThatThrownBy(() -> new Thresholder().below(new float[64], 0, 64, Float.NaN))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static long plain(float[] values, int first, int count, float threshold, boolean above) {
        long word = 0;
        for (int k = 0; k < count; k++) {
            float value = values[first + k];
            if (above ? value > threshold : value < threshold) {
                word |= 1L << k;
            }
        }
        return word;
    }
}
