package io.vigie.ingest.dimse;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;

/**
 * Checks the framing of every PDU a peer sends (PS3.8 section 9.3) before PixelMed reads it. PixelMed allocates a
 * buffer of the length a PDU header declares and then waits for that many bytes: a header declaring 2 GiB, or a few
 * declaring 200 MiB and then stalling, would exhaust the heap, and a peer dripping one byte at a time would hold an
 * association slot forever. So every PDU is checked as its header arrives: a known type, a length within what we
 * accept, and the whole PDU within the read timeout of its first byte. A PDU that fails gets an A-ABORT, and the read
 * fails, which ends the association.
 */
final class PduGuard extends FilterInputStream {

    private static final int P_DATA_TF = 0x04;
    private static final int HEADER_LENGTH = 6;

    /**
     * Association control PDUs are short: an A-ASSOCIATE-RQ proposing all 128 presentation contexts, each with a
     * dozen transfer syntaxes, stays far below this.
     */
    static final long MAX_CONTROL_PDU_LENGTH = 1 << 20;

    private final OutputStream abortTo;
    private final long maxPDataLength;
    private final long pduTimeoutNanos;
    private final byte[] header = new byte[HEADER_LENGTH];
    private int headerRead;
    private long bodyLeft;
    private long pduStartedAt;

    /**
     * @param in             the connection's input
     * @param abortTo        the connection's output, where an A-ABORT goes before the read fails
     * @param maxPDataLength the longest P-DATA-TF PDU accepted
     * @param pduTimeout     how long one PDU may take to arrive, from its first byte
     */
    PduGuard(InputStream in, OutputStream abortTo, long maxPDataLength, Duration pduTimeout) {
        super(in);
        this.abortTo = abortTo;
        this.maxPDataLength = maxPDataLength;
        this.pduTimeoutNanos = pduTimeout.toNanos();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (bodyLeft > 0) {
            int n = in.read(buffer, offset, (int) Math.min(length, bodyLeft));
            if (n > 0) {
                bodyLeft -= n;
                checkPace();
            }
            return n;
        }
        // Within a header: the header's last byte reaches the caller only once the header is checked, since the
        // caller sizes its buffer from it.
        int n = in.read(header, headerRead, Math.min(length, HEADER_LENGTH - headerRead));
        if (n <= 0) {
            return n;
        }
        if (headerRead == 0) {
            pduStartedAt = System.nanoTime();
        }
        System.arraycopy(header, headerRead, buffer, offset, n);
        headerRead += n;
        if (headerRead == HEADER_LENGTH) {
            headerRead = 0;
            bodyLeft = check(header);
        } else {
            checkPace();
        }
        return n;
    }

    /** Skipped bytes are read, so that the PDU accounting stays right. */
    @Override
    public long skip(long count) throws IOException {
        byte[] discarded = new byte[(int) Math.min(Math.max(count, 0), 8192)];
        return Math.max(0, read(discarded, 0, discarded.length));
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** @return the body length, once the header is acceptable */
    private long check(byte[] pdu) throws IOException {
        int type = pdu[0] & 0xFF;
        long length = ((pdu[2] & 0xFFL) << 24) | ((pdu[3] & 0xFFL) << 16) | ((pdu[4] & 0xFFL) << 8) | (pdu[5] & 0xFFL);
        if (type < 0x01 || type > 0x07) {
            throw reject(AbortPdu.UNRECOGNIZED_PDU, String.format("unknown PDU type 0x%02X", type));
        }
        long max = type == P_DATA_TF ? maxPDataLength : MAX_CONTROL_PDU_LENGTH;
        if (length > max) {
            throw reject(AbortPdu.INVALID_PDU_PARAMETER_VALUE, String.format(
                    "PDU type 0x%02X declares %d bytes, more than the %d accepted", type, length, max));
        }
        checkPace();
        return length;
    }

    private void checkPace() throws IOException {
        if (System.nanoTime() - pduStartedAt > pduTimeoutNanos) {
            throw reject(AbortPdu.INVALID_PDU_PARAMETER_VALUE, "PDU took longer than "
                    + Duration.ofNanos(pduTimeoutNanos).toSeconds() + " s to arrive");
        }
    }

    private PduRejectedException reject(int reason, String why) {
        AbortPdu.sendQuietly(abortTo, reason);
        return new PduRejectedException(why);
    }

    /** A PDU refused for its framing, size or pace; the association is over. */
    static final class PduRejectedException extends IOException {
        PduRejectedException(String message) {
            super(message);
        }
    }
}
