package io.vigie.ingest.dimse;

import com.pixelmed.network.AReleaseException;
import com.pixelmed.network.Association;
import com.pixelmed.network.AssociationFactory;
import com.pixelmed.network.DicomNetworkException;
import io.vigie.ingest.DimseStatus;
import io.vigie.ingest.ReceivedInstance;
import io.vigie.ingest.StorePipeline;
import io.vigie.ingest.policy.PeerPolicy;
import io.vigie.ingest.query.QueryRetrieveModel;
import io.vigie.ingest.query.QueryRetrieveModel.Service;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;
import javax.security.auth.x500.X500Principal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one association: reads the A-ASSOCIATE-RQ and rejects it when the peer policy says so, else negotiates it
 * with PixelMed, then answers each request in turn: C-ECHO, C-STORE with the
 * status the pipeline decides, C-FIND, C-GET and C-MOVE from the archive. A request we cannot answer aborts the
 * association: the sender is never left waiting.
 */
final class AssociationWorker implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(AssociationWorker.class);

    /**
     * A connection that sends no A-ASSOCIATE-RQ (or, on TLS, never finishes its handshake) gives its slot back after
     * this, or after the read timeout when that is shorter.
     */
    private static final int REQUEST_TIMEOUT_MS = 30_000;

    private final Socket socket;
    private final String aeTitle;
    private final PeerPolicy policy;
    private final int maxPduLength;
    private final long maxDataSetBytes;
    private final StorePipeline pipeline;
    private final FindScp find;
    private final RetrieveScp retrieve;

    private Socket connection;
    private String site;

    AssociationWorker(Socket socket, String aeTitle, PeerPolicy policy, int maxPduLength, long maxDataSetBytes,
            StorePipeline pipeline, FindScp find, RetrieveScp retrieve) {
        this.socket = socket;
        this.aeTitle = aeTitle;
        this.policy = policy;
        this.maxPduLength = maxPduLength;
        this.maxDataSetBytes = maxDataSetBytes;
        this.pipeline = pipeline;
        this.find = find;
        this.retrieve = retrieve;
    }

    @Override
    public void run() {
        String peer = socket.getRemoteSocketAddress().toString();
        Association association = null;
        int requests = 0;
        try (socket) {
            connection = admit(peer);
            if (connection == null) {
                return;
            }
            association = AssociationFactory.createNewAssociation(connection, aeTitle, maxPduLength, 0, 0,
                    new GatewayPresentationContextPolicy());
            while (true) {
                DimseMessageReader request = new DimseMessageReader(maxDataSetBytes, connection.getOutputStream());
                association.setReceivedDataHandler(request);
                association.waitForPDataPDUsUntilHandlerReportsDone();
                requests++;
                answer(association, request);
            }
        } catch (AReleaseException released) {
            log.debug("association {} from {} released after {} requests",
                    association == null ? "?" : association.getCallingAETitle(), peer, requests);
        } catch (DicomNetworkException | IOException e) {
            // Rejected by the peer policy or at negotiation (no acceptable context), a failed TLS handshake, aborted
            // by the peer or by us for a protocol error (PduGuard, DimseMessageReader), timed out, or dropped.
            log.info("association from {} ended: {}", peer, e.getMessage());
        } catch (RuntimeException e) {
            log.error("association from {} failed; aborting it", peer, e);
            abort(association);
        }
    }

    /**
     * Reads the A-ASSOCIATE-RQ and applies the peer policy: null once rejected (A-ASSOCIATE-RJ sent), else the
     * connection for PixelMed to negotiate on, the request still to be read from it.
     */
    private Socket admit(String peer) throws IOException {
        int timeout = socket.getSoTimeout();
        int wait = timeout > 0 ? Math.min(timeout, REQUEST_TIMEOUT_MS) : REQUEST_TIMEOUT_MS;
        socket.setSoTimeout(wait);
        AssociateRequest request;
        try {
            // The socket's input is the PduGuard's: the request's type and length are checked before this reads it.
            request = AssociateRequest.read(socket.getInputStream());
        } catch (SocketTimeoutException e) {
            throw new IOException("no A-ASSOCIATE-RQ within " + wait + " ms", e);
        }
        socket.setSoTimeout(timeout);
        PeerPolicy.Decision decision = policy.decide(request.calledAeTitle(), request.callingAeTitle(),
                socket.getInetAddress(), verifiedClientSubject(socket));
        if (!decision.accepted()) {
            log.warn("rejected association from {}: {}", peer, decision.why());
            AssociateReject.send(socket, AssociateReject.PERMANENT, AssociateReject.SERVICE_USER,
                    decision.rejection().reason());
            return null;
        }
        site = decision.site();
        log.debug("association from {} calling {} for site {}", peer, request.callingAeTitle(), site);
        return new ReplaySocket(socket, request.pdu());
    }

    /**
     * The subject of the client certificate the TLS handshake verified (it has completed: the A-ASSOCIATE-RQ was read
     * through it), or null on the plain port or when the client presented none (client-auth "want").
     */
    private static X500Principal verifiedClientSubject(Socket socket) {
        Socket accepted = socket instanceof ForwardingSocket forwarding ? forwarding.socket : socket;
        if (!(accepted instanceof SSLSocket tls)) {
            return null;
        }
        try {
            Certificate[] chain = tls.getSession().getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate certificate
                    ? certificate.getSubjectX500Principal() : null;
        } catch (SSLPeerUnverifiedException noClientCertificate) {
            return null;
        }
    }

    private void answer(Association association, DimseMessageReader request)
            throws DicomNetworkException, AReleaseException, IOException {
        int command = request.commandField();
        switch (command) {
            case CommandSet.C_ECHO_RQ -> respond(association, request, CommandSet.C_ECHO_RSP, DimseStatus.SUCCESS);
            case CommandSet.C_STORE_RQ -> {
                DimseStatus status = store(association, request);
                association.send(request.presentationContextId(), CommandSet.response(CommandSet.C_STORE_RSP,
                        request.messageId(), request.affectedSopClassUid(), status)
                        .affectedSopInstance(request.affectedSopInstanceUid()).bytes(), null);
            }
            case CommandSet.C_FIND_RQ -> queryRetrieve(association, request, Service.FIND, CommandSet.C_FIND_RSP);
            case CommandSet.C_GET_RQ -> queryRetrieve(association, request, Service.GET, CommandSet.C_GET_RSP);
            case CommandSet.C_MOVE_RQ -> queryRetrieve(association, request, Service.MOVE, CommandSet.C_MOVE_RSP);
            // A C-CANCEL for an operation already answered crossed our final response: nothing left to stop.
            case CommandSet.C_CANCEL_RQ -> log.debug("late C-CANCEL from {}", association.getCallingAETitle());
            default -> {
                // A DIMSE service we do not provide on this association: PS3.8 says abort.
                log.warn("unsupported command 0x{} from {}; aborting", Integer.toHexString(command),
                        association.getCallingAETitle());
                association.abort();
                throw new DicomNetworkException("unsupported command 0x" + Integer.toHexString(command));
            }
        }
    }

    private void queryRetrieve(Association association, DimseMessageReader request, Service service,
            int responseField) throws DicomNetworkException, AReleaseException, IOException {
        Optional<QueryRetrieveModel> model = QueryRetrieveModel.of(service, request.affectedSopClassUid());
        if (model.isEmpty()) {
            respond(association, request, responseField, DimseStatus.sopClassNotSupported(
                    request.affectedSopClassUid() + " is not a " + service + " SOP class we offer"));
            return;
        }
        if (request.dataSetTooLarge()) {
            log.warn("refused {} from {}: identifier of {} bytes, more than the {} accepted", service,
                    association.getCallingAETitle(), request.dataSetBytes(), request.dataSetLimit());
            String comment = "identifier larger than " + request.dataSetLimit() + " bytes";
            respond(association, request, responseField, service == Service.FIND
                    ? DimseStatus.outOfResources(comment) : DimseStatus.unableToCalculateMatches(comment));
            return;
        }
        CancelWatch cancel = new CancelWatch(connection.getInputStream(), connection.getOutputStream(), association,
                request.messageId());
        switch (service) {
            case FIND -> find.answer(association, request, model.get(), site, cancel);
            case GET -> retrieve.get(association, request, model.get(), site, cancel);
            case MOVE -> retrieve.move(association, request, model.get(), site, cancel);
        }
    }

    private static void respond(Association association, DimseMessageReader request, int responseField,
            DimseStatus status) throws DicomNetworkException {
        association.send(request.presentationContextId(), CommandSet.response(responseField, request.messageId(),
                request.affectedSopClassUid(), status).bytes(), null);
    }

    private DimseStatus store(Association association, DimseMessageReader request) {
        if (request.dataSetTooLarge()) {
            log.warn("refused {} from {}: data set of {} bytes, more than the {} accepted",
                    request.affectedSopInstanceUid(), association.getCallingAETitle(), request.dataSetBytes(),
                    maxDataSetBytes);
            return DimseStatus.outOfResources("data set larger than " + maxDataSetBytes + " bytes; not stored");
        }
        try {
            String transferSyntax = association.getTransferSyntaxForPresentationContextID(
                    request.presentationContextId());
            return pipeline.store(ReceivedInstance.cStore(site, association.getCallingAETitle(),
                    request.affectedSopClassUid(), request.affectedSopInstanceUid(), transferSyntax,
                    request.dataSet())).status();
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
