package io.vigie.inference.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** SEG frames packed one bit a pixel, first pixel lowest (PS3.5 8.1.1), frames end to end without padding. */
class SegmentationPackingTest {

    @Test
    void framesFollowEachOtherBitByBitWhateverTheirSize() {
        Random random = new Random(7);
        for (int pixelsPerFrame : new int[] {128, 64 * 64, 100, 7}) { // frames on words, then not even on bytes
            List<BitSet> frames = new ArrayList<>();
            for (int f = 0; f < 5; f++) {
                BitSet frame = new BitSet();
                for (int p = 0; p < pixelsPerFrame; p++) {
                    if (random.nextInt(4) == 0 || (f == 2 && p == pixelsPerFrame - 1)) { // the last pixel once
                        frame.set(p);
                    }
                }
                frames.add(frame);
            }

            assertThat(SegmentationWriter.pack(frames, pixelsPerFrame)).as("%d pixels a frame", pixelsPerFrame)
                    .isEqualTo(pixelByPixel(frames, pixelsPerFrame));
        }
    }

    @Test
    void aPixelBeyondItsFrameIsRefused() {
        BitSet beyond = new BitSet();
        beyond.set(128);

        assertThatThrownBy(() -> SegmentationWriter.pack(List.of(beyond), 128))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SegmentationWriter.pack(List.of(beyond), 100))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] pixelByPixel(List<BitSet> frames, int pixelsPerFrame) {
        long bits = (long) frames.size() * pixelsPerFrame;
        byte[] packed = new byte[(int) ((bits + 7) / 8)];
        for (int f = 0; f < frames.size(); f++) {
            for (int p = 0; p < pixelsPerFrame; p++) {
                if (frames.get(f).get(p)) {
                    long bit = (long) f * pixelsPerFrame + p;
                    packed[(int) (bit / 8)] |= (byte) (1 << (bit % 8));
                }
            }
        }
        return packed;
    }
}
