package io.vigie.ingest.dimse;

import com.pixelmed.dicom.DicomException;
import com.pixelmed.network.AReleaseException;
import com.pixelmed.network.Association;
import com.pixelmed.network.DicomNetworkException;
import io.vigie.archive.StoredInstance;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends stored instances as C-STORE requests on one association and waits for each response: the requester's own
 * association for a C-GET, a new one to the destination for a C-MOVE. An instance goes in its stored transfer syntax
 * when the peer accepted it, else re-encoded uncompressed when that is possible, else it fails.
 */
final class StoreSubOperations {

    /** Statuses we give a sub-operation that could not be sent, for the failure counts (PS3.4 C.4.2.3.1). */
    static final int NO_PRESENTATION_CONTEXT = 0x0122;
    static final int CANNOT_ENCODE = 0xC000;

    private static final Logger log = LoggerFactory.getLogger(StoreSubOperations.class);

    private final Association association;
    private final CancelWatch cancelWatch;
    private final String moveOriginatorAeTitle;
    private final int moveOriginatorMessageId;
    private int nextMessageId = 1;

    /** For a C-GET: a C-CANCEL may arrive on this association while we wait for a C-STORE response. */
    static StoreSubOperations forGet(Association requester, CancelWatch cancelWatch) {
        return new StoreSubOperations(requester, cancelWatch, null, 0);
    }

    /** For a C-MOVE: each request names who asked for the move and in which message. */
    static StoreSubOperations forMove(Association destination, String originatorAeTitle, int originatorMessageId) {
        return new StoreSubOperations(destination, null, originatorAeTitle, originatorMessageId);
    }

    private StoreSubOperations(Association association, CancelWatch cancelWatch, String moveOriginatorAeTitle,
            int moveOriginatorMessageId) {
        this.association = association;
        this.cancelWatch = cancelWatch;
        this.moveOriginatorAeTitle = moveOriginatorAeTitle;
        this.moveOriginatorMessageId = moveOriginatorMessageId;
    }

    /**
     * Sends one instance and returns the status of the peer's C-STORE response, or the failure status we give it
     * when it could not be sent.
     *
     * @throws DicomNetworkException when the association fails: no later instance can go on it either
     */
    int store(StoredInstance instance, byte[] part10) throws DicomNetworkException, AReleaseException, IOException {
        Byte contextId = null;
        String syntax = null;
        for (String candidate : candidateSyntaxes(instance.transferSyntaxUid())) {
            contextId = contextFor(instance.sopClassUid(), candidate);
            if (contextId != null) {
                syntax = candidate;
                break;
            }
        }
        if (contextId == null) {
            log.warn("no presentation context with {} accepts {} in {}", association.getCalledAETitle(),
                    instance.sopClassUid(), instance.transferSyntaxUid());
            return NO_PRESENTATION_CONTEXT;
        }
        byte[] dataSet;
        try {
            dataSet = StoredDataSet.inTransferSyntax(part10, instance.transferSyntaxUid(), syntax);
        } catch (DicomException e) {
            log.error("cannot encode {} in {}", instance.sopInstanceUid(), syntax, e);
            return CANNOT_ENCODE;
        }
        int messageId = nextMessageId++;
        CommandSet request = CommandSet.storeRequest(messageId, instance.sopClassUid(), instance.sopInstanceUid());
        if (moveOriginatorAeTitle != null) {
            request.moveOriginator(moveOriginatorAeTitle, moveOriginatorMessageId);
        }
        MessageSender.send(association, contextId, request.bytes(), dataSet);
        return awaitResponse(messageId);
    }

    private int awaitResponse(int messageId) throws DicomNetworkException, AReleaseException {
        while (true) {
            // The requester's association (C-GET), bounded as its other messages; the destination's (C-MOVE), whose
            // socket PixelMed opened, with the same bounds but no A-ABORT of our own on a protocol error.
            DimseMessageReader message = cancelWatch != null ? cancelWatch.reader()
                    : DimseMessageReader.forResponses(null);
            association.setReceivedDataHandler(message);
            association.waitForPDataPDUsUntilHandlerReportsDone();
            if (message.commandField() == CommandSet.C_STORE_RSP
                    && message.messageIdBeingRespondedTo() == messageId) {
                return message.status();
            }
            if (cancelWatch == null) {
                throw new DicomNetworkException(String.format("expected the C-STORE response to message %d, got "
                        + "command 0x%04X", messageId, message.commandField()));
            }
            cancelWatch.notice(message);
        }
    }

    private Byte contextFor(String sopClassUid, String transferSyntaxUid) {
        try {
            return association.getSuitablePresentationContextID(sopClassUid, transferSyntaxUid);
        } catch (DicomNetworkException none) {
            return null;
        }
    }

    /** The stored syntax first; the uncompressed ones after it when the data set can be re-encoded. */
    static List<String> candidateSyntaxes(String storedSyntax) {
        List<String> candidates = new ArrayList<>(List.of(storedSyntax));
        if (StoredDataSet.isTranscodable(storedSyntax)) {
            StoredDataSet.UNCOMPRESSED.stream().filter(s -> !s.equals(storedSyntax)).forEach(candidates::add);
        }
        return candidates;
    }
}
