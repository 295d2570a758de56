package io.vigie.ingest.dimse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The PDU framing checks, on byte streams: what passes untouched, what is aborted, and the A-ABORT sent. */
class PduGuardTest {

    private final ByteArrayOutputStream aborts = new ByteArrayOutputStream();

    @Test
    void passesAcceptablePdusThroughUnchanged() throws IOException {
        byte[] stream = concat(pdu(0x01, 200), pdu(0x04, 65536), pdu(0x05, 4));
        assertThat(guard(stream, Duration.ofSeconds(10)).readAllBytes()).isEqualTo(stream);
        assertThat(aborts.size()).isZero();
    }

    @Test
    void abortsAPDataPduLongerThanAcceptedBeforeItsLastHeaderByteIsRead() {
        byte[] header = ByteBuffer.allocate(6).put((byte) 0x04).put((byte) 0).putInt(0x7FFF_FFF0).array();
        InputStream in = guard(header, Duration.ofSeconds(10));
        assertThatThrownBy(() -> in.readNBytes(6)).isInstanceOf(PduGuard.PduRejectedException.class)
                .hasMessageContaining("2147483632");
        assertThat(aborts.toByteArray()).containsExactly(0x07, 0, 0, 0, 0, 4, 0, 0, 2, 6);
    }

    @Test
    void abortsAnAssociationRequestLongerThanAnyRealOne() {
        InputStream in = guard(pdu(0x01, (int) PduGuard.MAX_CONTROL_PDU_LENGTH + 1), Duration.ofSeconds(10));
        assertThatThrownBy(in::readAllBytes).isInstanceOf(PduGuard.PduRejectedException.class);
    }

    @Test
    void abortsAnUnknownPduType() {
        InputStream in = guard(pdu(0x0A, 4), Duration.ofSeconds(10));
        assertThatThrownBy(in::readAllBytes).isInstanceOf(PduGuard.PduRejectedException.class)
                .hasMessageContaining("0x0A");
        assertThat(aborts.toByteArray()).containsExactly(0x07, 0, 0, 0, 0, 4, 0, 0, 2, 1);
    }

    @Test
    void abortsAPduThatTakesLongerThanTheTimeoutToArrive() {
        byte[] association = pdu(0x01, 100);
        InputStream oneByteAtATime = new InputStream() {
            private int next;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (next == association.length) {
                    return -1;
                }
                pause(); // like a slow-loris peer
                b[off] = association[next++];
                return 1;
            }
        };
        InputStream in = new PduGuard(oneByteAtATime, aborts, 65536, Duration.ofMillis(50));
        assertThatThrownBy(in::readAllBytes).isInstanceOf(PduGuard.PduRejectedException.class)
                .hasMessageContaining("longer than");
    }

    private InputStream guard(byte[] stream, Duration timeout) {
        return new PduGuard(new ByteArrayInputStream(stream), aborts, 65536, timeout);
    }

    private static byte[] pdu(int type, int length) {
        return ByteBuffer.allocate(6 + length).put((byte) type).put((byte) 0).putInt(length).array();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static void pause() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
