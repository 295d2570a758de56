package io.vigie.ingest.dimse;

import io.vigie.ingest.DicomGateway.Settings;
import io.vigie.ingest.StorePipeline;
import io.vigie.ingest.policy.PeerPolicy;
import io.vigie.ingest.query.MoveDestination;
import io.vigie.ingest.query.QueryRetrieveService;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens for transport connections, on the plain port and, when configured, the TLS port, and hands each to an
 * {@link AssociationWorker} on its own thread. Both ports share the association slots and the peer policy.
 */
public final class AssociationAcceptor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AssociationAcceptor.class);

    /** A-ASSOCIATE-RJ reason 2 of the service provider (presentation): local limit exceeded. */
    private static final int LOCAL_LIMIT_EXCEEDED = 2;

    private final ServerSocket serverSocket;
    private final ServerSocket tlsServerSocket;
    private final Settings settings;
    private final PeerPolicy policy;
    private final StorePipeline pipeline;
    private final FindScp find;
    private final RetrieveScp retrieve;
    private final Semaphore slots;
    private final ExecutorService workers;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    private AssociationAcceptor(ServerSocket serverSocket, ServerSocket tlsServerSocket, Settings settings,
            PeerPolicy policy, StorePipeline pipeline, QueryRetrieveService queries) {
        this.serverSocket = serverSocket;
        this.tlsServerSocket = tlsServerSocket;
        this.settings = settings;
        this.policy = policy;
        this.pipeline = pipeline;
        this.find = new FindScp(queries);
        Map<String, MoveDestination> destinations = settings.moveDestinations().stream()
                .collect(Collectors.toMap(MoveDestination::aeTitle, Function.identity()));
        this.retrieve = new RetrieveScp(queries, destinations, settings.readTimeout());
        this.slots = new Semaphore(settings.maxAssociations());
        AtomicInteger count = new AtomicInteger();
        this.workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "dicom-association-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public static AssociationAcceptor listen(Settings settings, StorePipeline pipeline, QueryRetrieveService queries)
            throws IOException {
        PeerPolicy policy = new PeerPolicy(settings.aeTitle(), settings.peers(), settings.acceptUnknownPeers(),
                pipeline.defaultSite());
        for (String site : policy.sites()) {
            if (!pipeline.serves(site)) {
                throw new IllegalArgumentException("a peer belongs to site " + site + ", which has no pseudonym "
                        + "secret configured");
            }
        }
        ServerSocket serverSocket = new ServerSocket();
        serverSocket.setReuseAddress(true);
        serverSocket.bind(new InetSocketAddress(settings.bindAddress(), settings.port()), 128);
        ServerSocket tlsServerSocket = null;
        if (settings.tls() != null) {
            try {
                tlsServerSocket = settings.tls().listen(settings.bindAddress());
            } catch (IOException | RuntimeException e) {
                serverSocket.close();
                throw e;
            }
        }
        AssociationAcceptor acceptor = new AssociationAcceptor(serverSocket, tlsServerSocket, settings, policy,
                pipeline, queries);
        acceptor.startAccepting(serverSocket);
        log.info("DICOM gateway {} listening on {}:{}", settings.aeTitle(),
                settings.bindAddress().getHostAddress(), serverSocket.getLocalPort());
        if (tlsServerSocket != null) {
            acceptor.startAccepting(tlsServerSocket);
            log.info("DICOM gateway {} listening for TLS on {}:{} (client certificates: {})", settings.aeTitle(),
                    settings.bindAddress().getHostAddress(), tlsServerSocket.getLocalPort(),
                    settings.tls().clientAuth());
        }
        if (settings.peers().isEmpty() && settings.acceptUnknownPeers()) {
            log.warn("no DICOM peers configured: any calling AE title is accepted, as site {} (list "
                    + "vigie.dicom.peers in production)", pipeline.defaultSite());
        }
        return acceptor;
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    public int tlsPort() {
        return tlsServerSocket == null ? -1 : tlsServerSocket.getLocalPort();
    }

    private void startAccepting(ServerSocket listening) {
        Thread thread = new Thread(() -> acceptLoop(listening), "dicom-accept-" + listening.getLocalPort());
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Accepts connections; a TLS connection's handshake happens on its worker's first read, so a slow or hostile
     * client never holds up this loop.
     */
    private void acceptLoop(ServerSocket serverSocket) {
        while (!serverSocket.isClosed()) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                if (serverSocket.isClosed()) {
                    return; // close() was called
                }
                // Out of file descriptors, say: pause rather than spin, then go on accepting.
                log.warn("accept failed", e);
                pause();
                continue;
            }
            if (!slots.tryAcquire()) {
                rejectBusy(socket);
                continue;
            }
            open.add(socket);
            try {
                workers.execute(() -> serve(socket));
            } catch (RejectedExecutionException closing) {
                release(socket);
            }
        }
    }

    /** One connection, on its own thread; whatever happens to it, its slot is given back. */
    private void serve(Socket socket) {
        try {
            // Without TCP_NODELAY every C-STORE response waits ~40 ms for the peer's delayed ACK.
            socket.setTcpNoDelay(true);
            // PixelMed sets no read timeout: without one a silent peer would hold its slot forever.
            socket.setSoTimeout((int) settings.readTimeout().toMillis());
            new AssociationWorker(new GuardedSocket(socket, acceptedPDataLength(), settings.readTimeout()),
                    settings.aeTitle(), policy, settings.maxPduLength(), settings.maxDataSetBytes(), pipeline, find,
                    retrieve).run();
        } catch (IOException e) {
            log.info("connection from {} lost before its association began: {}", socket.getRemoteSocketAddress(),
                    e.getMessage());
        } finally {
            release(socket);
        }
    }

    /**
     * The longest P-DATA-TF PDU accepted. Some senders (PixelMed's own Association.send among them) ignore the
     * maximum length we offer and send a whole data set in one PDU; that is tolerated up to the largest data set we
     * accept, which bounds the buffer PixelMed allocates for it the same way the data set itself is bounded.
     */
    private long acceptedPDataLength() {
        return Math.max(settings.maxPduLength(), settings.maxDataSetBytes() + DimseMessageReader.MAX_COMMAND_BYTES);
    }

    private void release(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            log.debug("closing association socket", e);
        }
        open.remove(socket);
        slots.release();
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void rejectBusy(Socket socket) {
        log.warn("refusing association from {}: all association slots busy", socket.getRemoteSocketAddress());
        // On the TLS port this write runs the handshake on the accept thread: bounded, so that a client that stalls
        // it cannot stop us accepting.
        try {
            socket.setSoTimeout(5_000);
        } catch (SocketException e) {
            log.debug("cannot bound the reject's handshake", e);
        }
        AssociateReject.send(socket, AssociateReject.TRANSIENT, AssociateReject.SERVICE_PROVIDER_PRESENTATION,
                LOCAL_LIMIT_EXCEEDED);
    }

    @Override
    public void close() {
        for (ServerSocket listening : new ServerSocket[] {serverSocket, tlsServerSocket}) {
            try {
                if (listening != null) {
                    listening.close();
                }
            } catch (IOException e) {
                log.debug("closing server socket", e);
            }
        }
        workers.shutdown();
        try {
            if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                // Associations still open after the grace period are cut; their unanswered instances were never
                // acknowledged, so the senders will retry them.
                for (Socket socket : open) {
                    try {
                        socket.close();
                    } catch (IOException e) {
                        log.debug("closing association socket", e);
                    }
                }
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
