package io.vigie.ingest.dimse;

import com.pixelmed.network.AReleaseException;
import com.pixelmed.network.Association;
import com.pixelmed.network.DicomNetworkException;
import io.vigie.ingest.DimseStatus;
import io.vigie.ingest.query.QueryRefusedException;
import io.vigie.ingest.query.QueryRetrieveModel;
import io.vigie.ingest.query.QueryRetrieveService;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Answers one C-FIND: a Pending response with its identifier per match, then Success; or Cancel, or a refusal. */
final class FindScp {

    private static final Logger log = LoggerFactory.getLogger(FindScp.class);

    private final QueryRetrieveService service;

    FindScp(QueryRetrieveService service) {
        this.service = service;
    }

    /** @param site the site of the association's peer: it finds its own site's studies only */
    void answer(Association association, DimseMessageReader request, QueryRetrieveModel model, String site,
            CancelWatch cancel) throws DicomNetworkException, AReleaseException, IOException {
        String syntax = association.getTransferSyntaxForPresentationContextID(request.presentationContextId());
        List<Map<String, String>> matches;
        try {
            matches = service.find(model, IdentifierCodec.decode(request.dataSet(), syntax), site);
        } catch (QueryRefusedException e) {
            log.info("C-FIND {} from {} refused: {}", model, association.getCallingAETitle(), e.status());
            send(association, request, e.status(), null);
            return;
        }
        int sent = 0;
        for (Map<String, String> match : matches) {
            if (cancel.cancelled()) {
                log.info("C-FIND {} from {} cancelled after {} of {} matches", model,
                        association.getCallingAETitle(), sent, matches.size());
                send(association, request, DimseStatus.CANCELLED, null);
                return;
            }
            send(association, request, DimseStatus.PENDING, IdentifierCodec.encode(match, syntax));
            sent++;
        }
        log.info("C-FIND {} from {}: {} matches", model, association.getCallingAETitle(), sent);
        send(association, request, DimseStatus.SUCCESS, null);
    }

    private static void send(Association association, DimseMessageReader request, DimseStatus status,
            byte[] identifier) throws DicomNetworkException, IOException {
        CommandSet command = CommandSet.response(CommandSet.C_FIND_RSP, request.messageId(),
                request.affectedSopClassUid(), status);
        if (identifier != null) {
            command.withDataSet();
        }
        MessageSender.send(association, request.presentationContextId(), command.bytes(), identifier);
    }
}
