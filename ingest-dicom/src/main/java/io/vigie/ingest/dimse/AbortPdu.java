package io.vigie.ingest.dimse;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The A-ABORT PDU we send when a peer breaks the protocol (PS3.8 section 9.3.8), written straight to the connection:
 * PixelMed's own abort then waits seconds for the peer to close, holding the association's slot.
 */
final class AbortPdu {

    /** Reasons (PS3.8 Table 9-26) for source 2, the DICOM UL service-provider. */
    static final int UNRECOGNIZED_PDU = 1;
    static final int UNEXPECTED_PDU = 2;
    static final int INVALID_PDU_PARAMETER_VALUE = 6;

    private AbortPdu() {
    }

    /** Sends the A-ABORT if the connection still takes it; the association ends either way. */
    static void sendQuietly(OutputStream out, int reason) {
        try {
            out.write(new byte[] {0x07, 0, 0, 0, 0, 4, 0, 0, 2, (byte) reason});
            out.flush();
        } catch (IOException e) {
            // The peer is gone already.
        }
    }
}
