package io.vigie.ingest.dimse;

import io.vigie.ingest.DicomGateway.Settings;
import io.vigie.ingest.StorePipeline;
import io.vigie.ingest.query.MoveDestination;
import io.vigie.ingest.query.QueryRetrieveService;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
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

/** Listens for transport connections and hands each to an {@link AssociationWorker} on its own thread. */
public final class AssociationAcceptor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AssociationAcceptor.class);

    /** A-ASSOCIATE-RJ: rejected-transient, by the service provider (presentation), local limit exceeded. */
    private static final byte[] REJECT_LOCAL_LIMIT = {0x03, 0, 0, 0, 0, 4, 0, 2, 3, 2};

    private final ServerSocket serverSocket;
    private final Settings settings;
    private final StorePipeline pipeline;
    private final FindScp find;
    private final RetrieveScp retrieve;
    private final Semaphore slots;
    private final ExecutorService workers;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptThread;

    private AssociationAcceptor(ServerSocket serverSocket, Settings settings, StorePipeline pipeline,
            QueryRetrieveService queries) {
        this.serverSocket = serverSocket;
        this.settings = settings;
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
        this.acceptThread = new Thread(this::acceptLoop, "dicom-accept-" + serverSocket.getLocalPort());
        this.acceptThread.setDaemon(true);
    }

    public static AssociationAcceptor listen(Settings settings, StorePipeline pipeline, QueryRetrieveService queries)
            throws IOException {
        ServerSocket serverSocket = new ServerSocket();
        serverSocket.setReuseAddress(true);
        serverSocket.bind(new InetSocketAddress(settings.bindAddress(), settings.port()), 128);
        AssociationAcceptor acceptor = new AssociationAcceptor(serverSocket, settings, pipeline, queries);
        acceptor.acceptThread.start();
        log.info("DICOM gateway {} listening on {}:{}", settings.aeTitle(),
                settings.bindAddress().getHostAddress(), serverSocket.getLocalPort());
        return acceptor;
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    private void acceptLoop() {
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
                    settings.aeTitle(), settings.maxPduLength(), settings.maxDataSetBytes(), pipeline, find, retrieve)
                    .run();
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
        try (socket; OutputStream out = socket.getOutputStream()) {
            out.write(REJECT_LOCAL_LIMIT);
            out.flush();
        } catch (IOException e) {
            log.debug("could not send A-ASSOCIATE-RJ", e);
        }
    }

    @Override
    public void close() {
        try {
            serverSocket.close();
        } catch (IOException e) {
            log.debug("closing server socket", e);
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
