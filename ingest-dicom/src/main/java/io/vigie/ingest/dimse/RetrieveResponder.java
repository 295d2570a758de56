package io.vigie.ingest.dimse;

import com.pixelmed.network.Association;
import com.pixelmed.network.DicomNetworkException;
import java.io.IOException;
import io.vigie.ingest.DimseStatus;
import io.vigie.ingest.query.RetrieveProgress;
import java.util.List;
import java.util.Map;

/** Sends the responses of one C-GET or C-MOVE: a refusal, or pending counts then the final status. */
final class RetrieveResponder {

    private static final int MAX_UI_LENGTH = 65_534;

    private final Association association;
    private final DimseMessageReader request;
    private final int responseField;

    RetrieveResponder(Association association, DimseMessageReader request, int responseField) {
        this.association = association;
        this.request = request;
        this.responseField = responseField;
    }

    /** A final failure before any sub-operation (unknown destination, bad identifier). */
    void refuse(DimseStatus status) throws DicomNetworkException {
        association.send(request.presentationContextId(), command(status).bytes(), null);
    }

    void pending(RetrieveProgress progress) throws DicomNetworkException {
        association.send(request.presentationContextId(), command(DimseStatus.PENDING).counts(progress, true).bytes(),
                null);
    }

    /**
     * The final response: its status from the counts, and, when some sub-operations failed or warned, the Failed SOP
     * Instance UID List as its identifier (PS3.4 C.4.2.1.4).
     */
    DimseStatus finish(RetrieveProgress progress) throws DicomNetworkException, IOException {
        DimseStatus status = progress.finalStatus();
        CommandSet command = command(status).counts(progress, status.code() == DimseStatus.CANCELLED.code());
        byte[] identifier = null;
        if (!progress.failedSopInstanceUids().isEmpty()) {
            command.withDataSet();
            identifier = IdentifierCodec.encode(Map.of("FailedSOPInstanceUIDList",
                    failedList(progress.failedSopInstanceUids())),
                    association.getTransferSyntaxForPresentationContextID(request.presentationContextId()));
        }
        MessageSender.send(association, request.presentationContextId(), command.bytes(), identifier);
        return status;
    }

    /** The UIDs as one value list, cut to what one explicit VR UI element can hold (a 16-bit length). */
    private static String failedList(List<String> uids) {
        StringBuilder list = new StringBuilder();
        for (String uid : uids) {
            if (list.length() + uid.length() + 1 > MAX_UI_LENGTH) {
                break;
            }
            list.append(list.isEmpty() ? "" : "\\").append(uid);
        }
        return list.toString();
    }

    private CommandSet command(DimseStatus status) {
        return CommandSet.response(responseField, request.messageId(), request.affectedSopClassUid(), status);
    }
}
