package io.vigie.ingest.dimse;

import com.pixelmed.network.AReleaseException;
import com.pixelmed.network.Association;
import com.pixelmed.network.DicomNetworkException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Notices a C-CANCEL for the operation in progress on an association. PixelMed reads a PDU only when asked, so
 * between two responses we look, without blocking, for bytes waiting on the connection: a peer that sent anything
 * while we answer has sent a C-CANCEL (PS3.7 9.3.2.3), or broken the protocol (no asynchronous operations are
 * negotiated).
 */
final class CancelWatch {

    private final InputStream connection;
    private final OutputStream abortTo;
    private final Association association;
    private final int messageId;
    private boolean cancelled;

    /**
     * @param connection the requester's connection input (through its {@link PduGuard})
     * @param abortTo    the requester's connection output, where an A-ABORT goes when the peer breaks the protocol
     */
    CancelWatch(InputStream connection, OutputStream abortTo, Association association, int messageId) {
        this.connection = connection;
        this.abortTo = abortTo;
        this.association = association;
        this.messageId = messageId;
    }

    /** True once the requester cancelled the operation; reads a waiting message, never waits for one. */
    boolean cancelled() throws DicomNetworkException, AReleaseException, IOException {
        if (!cancelled && connection.available() > 0) {
            DimseMessageReader message = reader();
            association.setReceivedDataHandler(message);
            association.waitForPDataPDUsUntilHandlerReportsDone();
            notice(message);
        }
        return cancelled;
    }

    /**
     * A reader for a message the requester sends while we answer it (a C-CANCEL, a C-STORE response during a C-GET):
     * bounded like every message read from the requester.
     */
    DimseMessageReader reader() {
        return DimseMessageReader.forResponses(abortTo);
    }

    /**
     * A message read while waiting for another (a C-STORE response during a C-GET) must be a C-CANCEL: ours, or a
     * late one for an operation already answered, which is ignored.
     */
    void notice(DimseMessageReader message) throws DicomNetworkException {
        if (message.commandField() == CommandSet.C_CANCEL_RQ) {
            cancelled |= message.messageIdBeingRespondedTo() == messageId;
            return;
        }
        throw new DicomNetworkException(String.format("unexpected command 0x%04X while answering message %d",
                message.commandField(), messageId));
    }
}
