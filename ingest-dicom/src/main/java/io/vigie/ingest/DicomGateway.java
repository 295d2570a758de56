package io.vigie.ingest;

import io.vigie.dicom.DicomInstance;
import io.vigie.ingest.dimse.AssociationAcceptor;
import io.vigie.ingest.policy.Peer;
import io.vigie.ingest.query.MoveDestination;
import io.vigie.ingest.query.QueryRetrieveService;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The DICOM network node of Vigie: a C-ECHO and C-STORE SCP whose every received instance goes through the
 * {@link StorePipeline}, and a query/retrieve SCP (C-FIND, C-GET, C-MOVE) answered from the archive by the
 * {@link QueryRetrieveService}. Start it, read its port (0 asks for a free one), close it.
 */
public final class DicomGateway implements AutoCloseable {

    /**
     * @param aeTitle         our AE title; associations calling another are rejected
     * @param bindAddress     the interface to listen on
     * @param port            the TCP port, or 0 for any free one
     * @param maxAssociations associations served at once; more are rejected as transient (local limit exceeded)
     * @param maxPduLength    the largest P-DATA PDU we offer to receive; a longer one aborts the association
     * @param readTimeout     an association silent this long, or a PDU taking longer to arrive, is aborted; the
     *                        association a C-MOVE opens waits this long for each of the destination's responses
     * @param maxDataSetBytes the largest data set accepted; a larger one is read to its end, not kept, and refused
     * @param moveDestinations the nodes C-MOVE may send to; any other destination is refused
     * @param peers           the known calling AEs, each with its hosts and site
     * @param acceptUnknownPeers accept calling AE titles not in {@code peers}, for the pipeline's default site
     *                        (development); false: they are rejected (calling AE title not recognized)
     * @param tls             the TLS port, or null for none
     */
    public record Settings(String aeTitle, InetAddress bindAddress, int port, int maxAssociations,
                           int maxPduLength, Duration readTimeout, long maxDataSetBytes,
                           List<MoveDestination> moveDestinations, List<Peer> peers,
                           boolean acceptUnknownPeers, DicomTls tls) {
        public Settings {
            if (aeTitle == null || aeTitle.isBlank() || aeTitle.length() > 16) {
                throw new IllegalArgumentException("AE title must be 1 to 16 characters: " + aeTitle);
            }
            if (readTimeout.isNegative() || readTimeout.isZero() || readTimeout.toMillis() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("read timeout must be positive: " + readTimeout);
            }
            if (maxDataSetBytes < 1 || maxDataSetBytes > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("maximum data set size must be 1 byte to 2 GiB: "
                        + maxDataSetBytes);
            }
            peers = List.copyOf(peers);
            moveDestinations = List.copyOf(moveDestinations);
            Set<String> seen = new HashSet<>();
            for (MoveDestination destination : moveDestinations) {
                if (!seen.add(destination.aeTitle())) {
                    throw new IllegalArgumentException("move destination " + destination.aeTitle()
                            + " is configured twice");
                }
            }
        }

        /** Settings without peers (any calling AE is accepted) or TLS. */
        public Settings(String aeTitle, InetAddress bindAddress, int port, int maxAssociations, int maxPduLength,
                Duration readTimeout, long maxDataSetBytes, List<MoveDestination> moveDestinations) {
            this(aeTitle, bindAddress, port, maxAssociations, maxPduLength, readTimeout, maxDataSetBytes,
                    moveDestinations, List.of(), true, null);
        }

        /** Settings without move destinations: C-MOVE is then refused for every destination. */
        public Settings(String aeTitle, InetAddress bindAddress, int port, int maxAssociations, int maxPduLength,
                Duration readTimeout, long maxDataSetBytes) {
            this(aeTitle, bindAddress, port, maxAssociations, maxPduLength, readTimeout, maxDataSetBytes, List.of());
        }
    }

    private final AssociationAcceptor acceptor;

    private DicomGateway(AssociationAcceptor acceptor) {
        this.acceptor = acceptor;
    }

    public static DicomGateway start(Settings settings, StorePipeline pipeline, QueryRetrieveService queries)
            throws IOException {
        // PixelMed parses its XML data dictionary on first use (about 0.1 s of CPU): before listening, not while
        // the first association waits.
        DicomInstance.tag("SOPInstanceUID");
        return new DicomGateway(AssociationAcceptor.listen(settings, pipeline, queries));
    }

    public int port() {
        return acceptor.port();
    }

    /** The TLS port, or -1 when TLS is off. */
    public int tlsPort() {
        return acceptor.tlsPort();
    }

    @Override
    public void close() {
        acceptor.close();
    }
}
