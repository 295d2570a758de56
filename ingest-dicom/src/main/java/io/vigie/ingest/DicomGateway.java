package io.vigie.ingest;

import io.vigie.ingest.dimse.AssociationAcceptor;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;

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
     * @param maxPduLength    the largest P-DATA PDU we offer to receive; a longer one aborts the association
     * @param readTimeout     an association silent this long, or a PDU taking longer to arrive, is aborted
     * @param maxDataSetBytes the largest data set accepted; a larger one is read to its end, not kept, and refused
     */
    public record Settings(String aeTitle, InetAddress bindAddress, int port, int maxAssociations,
                           int maxPduLength, Duration readTimeout, long maxDataSetBytes) {
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
