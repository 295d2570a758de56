package io.vigie.testing;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import com.pixelmed.network.AssociationFactory;
import com.pixelmed.network.Association;
import com.pixelmed.network.CStoreRequestCommandMessage;
import com.pixelmed.network.CompositeResponseHandler;
import com.pixelmed.network.PresentationContext;
import java.util.LinkedList;

/**
 * A C-STORE SCU that sends a data set's bytes exactly as given, broken or not, and reports the response status. dcmtk
 * refuses to send a file it cannot parse, so malformed data sets go through this one.
 */
public final class RawStoreScu {

    /** The C-STORE response: its status and ErrorComment. */
    public record Response(int status, String errorComment) {
    }

    private RawStoreScu() {
    }

    public static Response store(int port, String calledAe, String sopClassUid, String sopInstanceUid,
            byte[] explicitLittleEndianDataSet) throws Exception {
        LinkedList<String> syntaxes = new LinkedList<>();
        syntaxes.add(TransferSyntax.ExplicitVRLittleEndian);
        LinkedList<PresentationContext> contexts = new LinkedList<>();
        contexts.add(new PresentationContext((byte) 1, sopClassUid, syntaxes));
        Association association = AssociationFactory.createNewAssociation("127.0.0.1", port, calledAe,
                "RAWSCU", contexts, null, false);
        try {
            byte contextId = association.getSuitablePresentationContextID(sopClassUid);
            ResponseCapture capture = new ResponseCapture();
            association.setReceivedDataHandler(capture);
            byte[] command = new CStoreRequestCommandMessage(sopClassUid, sopInstanceUid).getBytes();
            association.send(contextId, command, explicitLittleEndianDataSet);
            association.waitForCommandPDataPDUs();
            return new Response(capture.status, capture.comment);
        } finally {
            association.release();
        }
    }

    private static final class ResponseCapture extends CompositeResponseHandler {
        private int status = -1;
        private String comment;

        ResponseCapture() {
            super();
            allowData = false;
        }

        @Override
        protected void evaluateStatusAndSetSuccess(AttributeList list) {
            status = Attribute.getSingleIntegerValueOrDefault(list, TagFromName.Status, -1);
            comment = Attribute.getSingleStringValueOrNull(list, TagFromName.ErrorComment);
            success = status == 0;
        }
    }
}
