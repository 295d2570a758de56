package io.vigie.ingest.dimse;

import com.pixelmed.network.Association;
import com.pixelmed.network.AssociationFactory;
import com.pixelmed.network.DicomNetworkException;
import com.pixelmed.network.PresentationContext;
import io.vigie.archive.StoredInstance;
import io.vigie.ingest.query.MoveDestination;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.Socket;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the association a C-MOVE sends its sub-operations on, to a configured destination. It proposes, for each SOP
 * class among the instances, each stored transfer syntax on its own (so the destination cannot choose another when it
 * accepts the stored one) and, when the data can be re-encoded, the uncompressed syntaxes as a fallback.
 */
final class MoveAssociation {

    private static final Logger log = LoggerFactory.getLogger(MoveAssociation.class);

    /** Presentation context IDs are odd numbers from 1 to 255. */
    private static final int MAX_CONTEXTS = 128;

    private MoveAssociation() {
    }

    /**
     * @param readTimeout how long to wait for each response of the destination once associated: a destination that
     *                    stops answering fails the remaining sub-operations rather than hold the requester forever
     */
    static Association open(MoveDestination destination, String callingAeTitle, List<StoredInstance> instances,
            Duration readTimeout) throws DicomNetworkException, IOException {
        Set<List<String>> proposals = new LinkedHashSet<>(); // (SOP class, transfer syntaxes...)
        for (StoredInstance instance : instances) {
            proposals.add(List.of(instance.sopClassUid(), instance.transferSyntaxUid()));
        }
        for (StoredInstance instance : instances) {
            if (StoredDataSet.isTranscodable(instance.transferSyntaxUid())) {
                List<String> fallback = new LinkedList<>(List.of(instance.sopClassUid()));
                fallback.addAll(StoredDataSet.UNCOMPRESSED);
                proposals.add(List.copyOf(fallback));
            }
        }
        LinkedList<PresentationContext> contexts = new LinkedList<>();
        for (List<String> proposal : proposals) {
            if (contexts.size() == MAX_CONTEXTS) {
                break; // the instances of what did not fit fail, for want of a context
            }
            LinkedList<String> syntaxes = new LinkedList<>(proposal.subList(1, proposal.size()));
            contexts.add(new PresentationContext((byte) (2 * contexts.size() + 1), proposal.get(0), syntaxes));
        }
        Association association = AssociationFactory.createNewAssociation(destination.host(), destination.port(),
                destination.aeTitle(), callingAeTitle, contexts, null, false);
        configureSocket(association, readTimeout);
        return association;
    }

    /**
     * Like the connections we accept, this one needs TCP_NODELAY, or the end of each C-STORE waits for the
     * destination's delayed ACK (up to 40 ms an instance), and a read timeout, which PixelMed does not set. PixelMed
     * opens the socket itself and keeps it in a protected field, so we reach it by reflection; if that ever fails the
     * move still works, only slower and without the timeout.
     */
    private static void configureSocket(Association association, Duration readTimeout) {
        try {
            Field field = Association.class.getDeclaredField("socket");
            field.setAccessible(true);
            Socket socket = (Socket) field.get(association);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout((int) readTimeout.toMillis());
        } catch (ReflectiveOperationException | IOException | RuntimeException e) {
            log.debug("could not set TCP_NODELAY and the read timeout on the move association", e);
        }
    }
}
