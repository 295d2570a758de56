package io.vigie.ingest.dimse;

import com.pixelmed.network.Association;
import com.pixelmed.network.AssociationOutputStream;
import com.pixelmed.network.DicomNetworkException;
import java.io.IOException;

/**
 * Sends one DIMSE message. PixelMed's {@code Association.send} puts command and data set in a single P-DATA PDU
 * whatever its size, which a peer with a smaller maximum PDU length (dcmtk's default is 16 KiB) rejects; its
 * association output stream cuts the data set into PDUs the peer accepts.
 */
final class MessageSender {

    private MessageSender() {
    }

    static void send(Association association, byte contextId, byte[] command, byte[] dataSet)
            throws DicomNetworkException, IOException {
        association.send(contextId, command, null);
        if (dataSet != null) {
            try (AssociationOutputStream out = association.getAssociationOutputStream(contextId)) {
                out.write(dataSet);
            }
        }
    }
}
