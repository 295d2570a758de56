package io.vigie.testing;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.CodeStringAttribute;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomOutputStream;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import com.pixelmed.dicom.UniqueIdentifierAttribute;
import com.pixelmed.network.Association;
import com.pixelmed.network.AssociationFactory;
import com.pixelmed.network.CFindRequestCommandMessage;
import com.pixelmed.network.CompositeResponseHandler;
import com.pixelmed.network.DicomNetworkException;
import com.pixelmed.network.PDataPDU;
import com.pixelmed.network.PresentationContext;
import com.pixelmed.network.PresentationDataValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;

/**
 * A Study Root C-FIND SCU that sends its C-CANCEL right behind the request, before reading any response: the one
 * way to see, deterministically, that the SCP stops at a cancel (findscu cancels only after n responses, by which
 * time a fast SCP has answered everything). It also sends identifiers findscu would not (oversized ones).
 */
public final class RawFindScu {

    private static final String STUDY_ROOT_FIND = "1.2.840.10008.5.1.4.1.2.2.1";

    /** The statuses of every response received, the final one last. */
    public record Responses(List<Integer> statuses) {
        public int finalStatus() {
            return statuses.get(statuses.size() - 1);
        }

        public long pending() {
            return statuses.stream().filter(s -> s == 0xFF00 || s == 0xFF01).count();
        }
    }

    private RawFindScu() {
    }

    /** An IMAGE level query for every SOPInstanceUID, cancelled at once. */
    public static Responses findImagesAndCancel(int port, String calledAe) throws Exception {
        return find(port, calledAe, identifier(), true);
    }

    /**
     * A C-FIND whose identifier is the bytes given, whatever they hold (an oversized one, say), sent in one P-DATA
     * PDU; the responses are read up to the final one.
     */
    public static Responses find(int port, String calledAe, byte[] identifier) throws Exception {
        return find(port, calledAe, identifier, false);
    }

    private static Responses find(int port, String calledAe, byte[] identifier, boolean cancelAtOnce)
            throws Exception {
        LinkedList<String> syntaxes = new LinkedList<>(List.of(TransferSyntax.ExplicitVRLittleEndian));
        LinkedList<PresentationContext> contexts = new LinkedList<>();
        contexts.add(new PresentationContext((byte) 1, STUDY_ROOT_FIND, syntaxes));
        Association association = AssociationFactory.createNewAssociation("127.0.0.1", port, calledAe, "RAWFIND",
                contexts, null, false);
        try {
            byte context = association.getSuitablePresentationContextID(STUDY_ROOT_FIND);
            CFindRequestCommandMessage request = new CFindRequestCommandMessage(STUDY_ROOT_FIND);
            association.send(context, request.getBytes(), identifier);
            if (cancelAtOnce) {
                association.send(context, cancel(request.getMessageID()), null);
            }
            List<Integer> statuses = new ArrayList<>();
            int status;
            do {
                StatusCapture capture = new StatusCapture();
                association.setReceivedDataHandler(capture);
                association.waitForPDataPDUsUntilHandlerReportsDone();
                status = capture.status;
                statuses.add(status);
            } while (status == 0xFF00 || status == 0xFF01);
            return new Responses(statuses);
        } finally {
            association.release();
        }
    }

    private static byte[] identifier() throws Exception {
        AttributeList list = new AttributeList();
        Attribute level = new CodeStringAttribute(TagFromName.QueryRetrieveLevel);
        level.addValue("IMAGE");
        list.put(level);
        list.put(new UniqueIdentifierAttribute(TagFromName.SOPInstanceUID));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        list.write(new DicomOutputStream(out, null, TransferSyntax.ExplicitVRLittleEndian));
        return out.toByteArray();
    }

    /** C-CANCEL-RQ (PS3.7 9.3.2.3): CommandField 0FFF, MessageIDBeingRespondedTo, no data set. */
    private static byte[] cancel(int messageId) {
        ByteBuffer command = ByteBuffer.allocate(12 + 3 * 10).order(ByteOrder.LITTLE_ENDIAN);
        command.putShort((short) 0).putShort((short) 0).putInt(4).putInt(30);
        command.putShort((short) 0).putShort((short) 0x0100).putInt(2).putShort((short) 0x0FFF);
        command.putShort((short) 0).putShort((short) 0x0120).putInt(2).putShort((short) messageId);
        command.putShort((short) 0).putShort((short) 0x0800).putInt(2).putShort((short) 0x0101);
        return command.array();
    }

    /** Reads one response: its status from the command, the data set (if any) read and dropped. */
    private static final class StatusCapture extends CompositeResponseHandler {
        private final ByteArrayOutputStream command = new ByteArrayOutputStream();
        private int status = -1;

        @Override
        public void sendPDataIndication(PDataPDU pdu, Association association)
                throws DicomNetworkException, DicomException, IOException {
            for (Object value : pdu.getPDVList()) {
                PresentationDataValue pdv = (PresentationDataValue) value;
                if (pdv.isCommand()) {
                    command.writeBytes(pdv.getValue());
                    if (pdv.isLastFragment()) {
                        AttributeList list = getAttributeListFromCommandOrData(command.toByteArray(),
                                TransferSyntax.Default);
                        status = Attribute.getSingleIntegerValueOrDefault(list, TagFromName.Status, -1);
                        if (Attribute.getSingleIntegerValueOrDefault(list, TagFromName.CommandDataSetType, 0)
                                == 0x0101) {
                            setDone(true);
                        }
                    }
                } else if (pdv.isLastFragment()) {
                    setDone(true);
                }
            }
        }

        @Override
        protected void evaluateStatusAndSetSuccess(AttributeList list) {
        }
    }
}
