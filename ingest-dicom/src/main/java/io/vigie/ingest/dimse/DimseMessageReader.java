package io.vigie.ingest.dimse;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import com.pixelmed.network.Association;
import com.pixelmed.network.CompositeResponseHandler;
import com.pixelmed.network.DicomNetworkException;
import com.pixelmed.network.PDataPDU;
import com.pixelmed.network.PresentationDataValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * Collects one DIMSE message (its command set and, when announced, its data set) from P-DATA PDUs, and does nothing
 * else: deciding and answering is the worker's job, so every request gets the response we choose. It reads the
 * requests peers send us and the C-STORE responses to the sub-operations we send.
 *
 * <p>It extends PixelMed's CompositeResponseHandler only because that is the one PixelMed handler type with a public
 * constructor that an association accepts.
 */
final class DimseMessageReader extends CompositeResponseHandler {

    private static final int NO_DATA_SET = 0x0101;

    private final ByteArrayOutputStream command = new ByteArrayOutputStream(256);
    private final ByteArrayOutputStream data = new ByteArrayOutputStream(600 * 1024);
    private AttributeList commandList;
    private byte presentationContextId;

    @Override
    public void sendPDataIndication(PDataPDU pdu, Association association)
            throws DicomNetworkException, DicomException, IOException {
        for (Object value : pdu.getPDVList()) {
            PresentationDataValue pdv = (PresentationDataValue) value;
            presentationContextId = pdv.getPresentationContextID();
            if (pdv.isCommand()) {
                command.writeBytes(pdv.getValue());
                if (pdv.isLastFragment()) {
                    commandList = getAttributeListFromCommandOrData(command.toByteArray(), TransferSyntax.Default);
                    if (commandInt(TagFromName.CommandDataSetType) == NO_DATA_SET) {
                        setDone(true);
                    }
                }
            } else {
                data.writeBytes(pdv.getValue());
                if (pdv.isLastFragment()) {
                    setDone(true);
                }
            }
        }
    }

    @Override
    protected void evaluateStatusAndSetSuccess(AttributeList list) {
        // Not a response handler: requests are evaluated by the worker.
    }

    byte presentationContextId() {
        return presentationContextId;
    }

    int commandField() {
        return commandInt(TagFromName.CommandField);
    }

    int messageId() {
        return commandInt(TagFromName.MessageID);
    }

    /** The Message ID a response or a C-CANCEL refers to. */
    int messageIdBeingRespondedTo() {
        return commandInt(TagFromName.MessageIDBeingRespondedTo);
    }

    int status() {
        return commandInt(TagFromName.Status);
    }

    /** The AE title a C-MOVE asks us to send to. */
    String moveDestination() {
        return Attribute.getSingleStringValueOrEmptyString(commandList, TagFromName.MoveDestination).trim();
    }

    String affectedSopClassUid() {
        return Attribute.getSingleStringValueOrEmptyString(commandList, TagFromName.AffectedSOPClassUID).trim();
    }

    String affectedSopInstanceUid() {
        return Attribute.getSingleStringValueOrEmptyString(commandList, TagFromName.AffectedSOPInstanceUID).trim();
    }

    byte[] dataSet() {
        return data.toByteArray();
    }

    private int commandInt(com.pixelmed.dicom.AttributeTag tag) {
        return Attribute.getSingleIntegerValueOrDefault(commandList, tag, -1);
    }
}
