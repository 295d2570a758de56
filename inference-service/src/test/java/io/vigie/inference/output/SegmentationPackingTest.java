package io.vigie.inference.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SEG frames packed one bit a pixel, first pixel lowest (PS3.5 8.1.1), frames end to end without padding. */
class SegmentationPackingTest {

    @Test
    void framesFollowEachOtherBitByBitFirstPixelInTheLowestBit() {
        // Frames of 7 pixels, not even a byte each: frame 0 has pixels 0 and 6, frame 1 pixel 1 (bit 8 of the
        // stream), frame 2 pixel 6 (bit 20). 21 bits: 3 bytes, the last one's upper bits unused.
        List<BitSet> frames = List.of(bits(0, 6), bits(1), bits(6));

        assertThat(SegmentationWriter.pack(frames, 7)).containsExactly(0b0100_0001, 0b0000_0001, 0b0001_0000);
    }

    @Test
    void framesOfWholeWordsStartOnTheirOwnBytes() {
        // 128 pixels a frame: frame 1 starts at byte 16; its pixel 127 is the top bit of byte 31.
        byte[] packed = SegmentationWriter.pack(List.of(bits(0, 9), bits(3, 127)), 128);

        byte[] expected = new byte[32];
        expected[0] = 0b0000_0001;
        expected[1] = 0b0000_0010;
        expected[16] = 0b0000_1000;
        expected[31] = (byte) 0b1000_0000;
        assertThat(packed).isEqualTo(expected);
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

    private static BitSet bits(int... pixels) {
        BitSet bits = new BitSet();
        for (int pixel : pixels) {
            bits.set(pixel);
        }
        return bits;
    }
}
