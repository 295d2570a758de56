package io.vigie.ingest;

import io.vigie.ingest.dimse.AssociationAcceptor;
import java.io.IOException;
import java.net.InetAddress;

/**
 * The DICOM network node of Vigie: a C-ECHO and C-STORE SCP whose every received instance goes through the
 * {@link StorePipeline}. Start it, read its port (0 asks for a free one), close it.
 */
public final class DicomGateway implements AutoCloseable {

    /**
     * @param aeTitle         our AE title; associations calling another are rejected
     * @param bindAddress     the interface to listen on
     * @param port            the TCP port, or 0 for any free one
     * @param maxAssociations associations served at once; more are rejected as transient (local limit exceeded)
     * @param maxPduLength    the largest P-DATA PDU we offer to receive
     */
    public record Settings(String aeTitle, InetAddress bindAddress, int port, int maxAssociations,
                           int maxPduLength) {
        public Settings {
            if (aeTitle == null || aeTitle.isBlank() || aeTitle.length() > 16) {
                throw new IllegalArgumentException("AE title must be 1 to 16 characters: " + aeTitle);
            }
        }
    }

    private final AssociationAcceptor acceptor;

    private DicomGateway(AssociationAcceptor acceptor) {
        this.acceptor = acceptor;
    }

    public static DicomGateway start(Settings settings, StorePipeline pipeline) throws IOException {
        return new DicomGateway(AssociationAcceptor.listen(settings, pipeline));
    }

    public int port() {
        return acceptor.port();
    }

    @Override
    public void close() {
        acceptor.close();
    }
}
