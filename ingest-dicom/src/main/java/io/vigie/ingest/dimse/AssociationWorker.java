package io.vigie.ingest.dimse;

import com.pixelmed.network.AReleaseException;
import com.pixelmed.network.AnyExplicitStorePresentationContextSelectionPolicy;
import com.pixelmed.network.Association;
import com.pixelmed.network.AssociationFactory;
import com.pixelmed.network.DicomNetworkException;
import com.pixelmed.network.MessageServiceElementCommand;
import io.vigie.ingest.DimseStatus;
import io.vigie.ingest.ReceivedInstance;
import io.vigie.ingest.StorePipeline;
import java.io.IOException;
import java.net.Socket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one association: negotiates it with PixelMed, then answers each C-ECHO and C-STORE request with the status
 * the pipeline decides. A request we cannot answer aborts the association: the sender is never left waiting.
 */
final class AssociationWorker implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(AssociationWorker.class);

    private final Socket socket;
    private final String aeTitle;
    private final int maxPduLength;
    private final long maxDataSetBytes;
    private final StorePipeline pipeline;

    AssociationWorker(Socket socket, String aeTitle, int maxPduLength, long maxDataSetBytes,
            StorePipeline pipeline) {
        this.socket = socket;
        this.aeTitle = aeTitle;
        this.maxPduLength = maxPduLength;
        this.maxDataSetBytes = maxDataSetBytes;
        this.pipeline = pipeline;
    }

    @Override
    public void run() {
        String peer = socket.getRemoteSocketAddress().toString();
        Association association = null;
        int requests = 0;
        try (socket) {
            association = AssociationFactory.createNewAssociation(socket, aeTitle, maxPduLength, 0, 0,
                    new AnyExplicitStorePresentationContextSelectionPolicy());
            while (true) {
                DimseRequestReader request = new DimseRequestReader(maxDataSetBytes, socket.getOutputStream());
                association.setReceivedDataHandler(request);
                try {
                    association.waitForPDataPDUsUntilHandlerReportsDone();
                } catch (AReleaseException released) {
                    log.debug("association {} from {} released after {} requests",
                            association.getCallingAETitle(), peer, requests);
                    return;
                }
                requests++;
                answer(association, request);
            }
        } catch (DicomNetworkException | IOException e) {
            // Rejected at negotiation (wrong called AE, no acceptable context), aborted by the peer or by us for a
            // protocol error (PduGuard, DimseRequestReader), timed out, or dropped.
            log.info("association from {} ended: {}", peer, e.getMessage());
        } catch (RuntimeException e) {
            log.error("association from {} failed; aborting it", peer, e);
            abort(association);
        }
    }

    private void answer(Association association, DimseRequestReader request) throws DicomNetworkException {
        int commandField = request.commandField();
        byte[] response;
        if (commandField == MessageServiceElementCommand.C_ECHO_RQ) {
            response = CommandSet.response(CommandSet.C_ECHO_RSP, request.messageId(),
                    request.affectedSopClassUid(), null, DimseStatus.SUCCESS);
        } else if (commandField == MessageServiceElementCommand.C_STORE_RQ) {
            DimseStatus status = store(association, request);
            response = CommandSet.response(CommandSet.C_STORE_RSP, request.messageId(),
                    request.affectedSopClassUid(), request.affectedSopInstanceUid(), status);
        } else {
            // A DIMSE service we do not provide on this association: PS3.8 says abort.
            log.warn("unsupported command 0x{} from {}; aborting", Integer.toHexString(commandField),
                    association.getCallingAETitle());
            association.abort();
            throw new DicomNetworkException("unsupported command 0x" + Integer.toHexString(commandField));
        }
        association.send(request.presentationContextId(), response, null);
    }

    private DimseStatus store(Association association, DimseRequestReader request) {
        if (request.dataSetTooLarge()) {
            log.warn("refused {} from {}: data set of {} bytes, more than the {} accepted",
                    request.affectedSopInstanceUid(), association.getCallingAETitle(), request.dataSetBytes(),
                    maxDataSetBytes);
            return DimseStatus.outOfResources("data set larger than " + maxDataSetBytes + " bytes; not stored");
        }
        try {
            String transferSyntax = association.getTransferSyntaxForPresentationContextID(
                    request.presentationContextId());
            return pipeline.store(new ReceivedInstance(association.getCallingAETitle(),
                    request.affectedSopClassUid(), request.affectedSopInstanceUid(), transferSyntax,
                    request.dataSet()));
        } catch (DicomNetworkException | RuntimeException e) {
            log.error("C-STORE of {} failed unexpectedly", request.affectedSopInstanceUid(), e);
            return DimseStatus.processingFailure("unexpected error: " + e.getClass().getSimpleName());
        }
    }

    private static void abort(Association association) {
        if (association != null) {
            try {
                association.abort();
            } catch (DicomNetworkException e) {
                log.debug("abort failed", e);
            }
        }
    }
}
