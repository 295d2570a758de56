package io.vigie.ingest.dimse;

import com.pixelmed.network.Association;
import com.pixelmed.network.AssociationFactory;
import com.pixelmed.network.DicomNetworkException;
import com.pixelmed.network.PresentationContext;
import io.vigie.archive.StoredInstance;
import io.vigie.ingest.query.MoveDestination;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Set;

/**
 * Opens the association a C-MOVE sends its sub-operations on, to a configured destination. It proposes, for each SOP
 * class among the instances, each stored transfer syntax on its own (so the destination cannot choose another when it
 * accepts the stored one) and, when the data can be re-encoded, the uncompressed syntaxes as a fallback.
 */
final class MoveAssociation {

    /** Presentation context IDs are odd numbers from 1 to 255. */
    private static final int MAX_CONTEXTS = 128;

    private MoveAssociation() {
    }

    static Association open(MoveDestination destination, String callingAeTitle, List<StoredInstance> instances)
            throws DicomNetworkException, IOException {
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
        return AssociationFactory.createNewAssociation(destination.host(), destination.port(),
                destination.aeTitle(), callingAeTitle, contexts, null, false);
    }
}
