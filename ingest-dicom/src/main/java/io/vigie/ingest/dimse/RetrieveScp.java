package io.vigie.ingest.dimse;

import com.pixelmed.network.AReleaseException;
import com.pixelmed.network.Association;
import com.pixelmed.network.DicomNetworkException;
import io.vigie.archive.StoredInstance;
import io.vigie.ingest.DimseStatus;
import io.vigie.ingest.query.MoveDestination;
import io.vigie.ingest.query.QueryRefusedException;
import io.vigie.ingest.query.QueryRetrieveModel;
import io.vigie.ingest.query.QueryRetrieveService;
import io.vigie.ingest.query.RetrieveProgress;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers C-GET (the instances go back on the requester's association) and C-MOVE (they go on a new association to a
 * configured destination): one C-STORE sub-operation per matching instance, a Pending response after each, and the
 * final status from the counts. A C-CANCEL stops it between two sub-operations.
 */
final class RetrieveScp {

    private static final Logger log = LoggerFactory.getLogger(RetrieveScp.class);

    private final QueryRetrieveService service;
    private final Map<String, MoveDestination> destinations;
    private final Duration readTimeout;

    /**
     * @param readTimeout how long the association a C-MOVE opens waits for each response of the destination
     */
    RetrieveScp(QueryRetrieveService service, Map<String, MoveDestination> destinationsByAeTitle,
            Duration readTimeout) {
        this.service = service;
        this.destinations = Map.copyOf(destinationsByAeTitle);
        this.readTimeout = readTimeout;
    }

    /** @param site the site of the association's peer: it retrieves its own site's studies only */
    void get(Association requester, DimseMessageReader request, QueryRetrieveModel model, String site,
            CancelWatch cancel) throws DicomNetworkException, AReleaseException, IOException {
        RetrieveResponder respond = new RetrieveResponder(requester, request, CommandSet.C_GET_RSP);
        List<StoredInstance> instances = instances(requester, request, model, site, respond);
        if (instances != null) {
            DimseStatus status = run(instances, StoreSubOperations.forGet(requester, cancel), false, respond, cancel);
            log.info("C-GET {} of {} instances by {}: {}", model, instances.size(), requester.getCallingAETitle(),
                    status);
        }
    }

    /** @param site the site of the association's peer: it moves its own site's studies only */
    void move(Association requester, DimseMessageReader request, QueryRetrieveModel model, String site,
            CancelWatch cancel) throws DicomNetworkException, AReleaseException, IOException {
        RetrieveResponder respond = new RetrieveResponder(requester, request, CommandSet.C_MOVE_RSP);
        MoveDestination destination = destinations.get(request.moveDestination());
        if (destination == null) {
            log.warn("C-MOVE by {} to unknown destination '{}' refused", requester.getCallingAETitle(),
                    request.moveDestination());
            respond.refuse(DimseStatus.moveDestinationUnknown("unknown move destination " + request.moveDestination()));
            return;
        }
        List<StoredInstance> instances = instances(requester, request, model, site, respond);
        if (instances == null) {
            return;
        }
        if (instances.isEmpty()) {
            respond.finish(new RetrieveProgress(0));
            return;
        }
        Association to;
        try {
            to = MoveAssociation.open(destination, requester.getCalledAETitle(), instances, readTimeout);
        } catch (DicomNetworkException | IOException e) {
            log.warn("C-MOVE by {}: cannot associate with {}: {}", requester.getCallingAETitle(), destination,
                    e.toString());
            RetrieveProgress progress = new RetrieveProgress(instances.size());
            progress.failRemaining(instances.stream().map(StoredInstance::sopInstanceUid).toList());
            respond.finish(progress);
            return;
        }
        try {
            DimseStatus status = run(instances, StoreSubOperations.forMove(to, requester.getCallingAETitle(),
                    request.messageId()), true, respond, cancel);
            log.info("C-MOVE {} of {} instances by {} to {}: {}", model, instances.size(),
                    requester.getCallingAETitle(), destination.aeTitle(), status);
        } finally {
            release(to);
        }
    }

    /** The instances to send, or null when the request was refused (and answered). */
    private List<StoredInstance> instances(Association requester, DimseMessageReader request, QueryRetrieveModel model,
            String site, RetrieveResponder respond) throws DicomNetworkException {
        String syntax = requester.getTransferSyntaxForPresentationContextID(request.presentationContextId());
        try {
            return service.instancesToRetrieve(model, IdentifierCodec.decode(request.dataSet(), syntax), site);
        } catch (QueryRefusedException e) {
            log.info("retrieve {} by {} refused: {}", model, requester.getCallingAETitle(), e.status());
            respond.refuse(e.status());
            return null;
        }
    }

    /**
     * @param ownAssociation true when the sub-operations go on an association of their own (C-MOVE): if it fails, the
     *                       instances not sent yet fail and the requester is still answered
     */
    private DimseStatus run(List<StoredInstance> instances, StoreSubOperations sender, boolean ownAssociation,
            RetrieveResponder respond, CancelWatch cancel)
            throws DicomNetworkException, AReleaseException, IOException {
        RetrieveProgress progress = new RetrieveProgress(instances.size());
        for (int i = 0; i < instances.size(); i++) {
            if (cancel.cancelled()) {
                progress.cancel();
                break;
            }
            StoredInstance instance = instances.get(i);
            try {
                progress.record(instance.sopInstanceUid(), sendOne(instance, sender));
            } catch (DicomNetworkException | AReleaseException | IOException e) {
                if (!ownAssociation) {
                    throw e;
                }
                log.warn("move association failed after {} sub-operations: {}", i, e.toString());
                progress.failRemaining(instances.subList(i, instances.size()).stream()
                        .map(StoredInstance::sopInstanceUid).toList());
                break;
            }
            if (progress.remaining() > 0) {
                respond.pending(progress);
            }
        }
        return respond.finish(progress);
    }

    /** One sub-operation's status; a stored file that cannot be read fails that sub-operation alone. */
    private int sendOne(StoredInstance instance, StoreSubOperations sender)
            throws DicomNetworkException, AReleaseException, IOException {
        byte[] part10;
        try {
            part10 = service.read(instance);
        } catch (IOException e) {
            log.error("cannot read stored {} for a retrieve", instance.storageKey(), e);
            return StoreSubOperations.CANNOT_ENCODE;
        }
        return sender.store(instance, part10);
    }

    private static void release(Association association) {
        try {
            association.release();
        } catch (DicomNetworkException e) {
            log.debug("release of the move association failed", e);
        }
    }
}
