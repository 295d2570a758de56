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
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Collects one DIMSE message (its command set and, when announced, its data set) from P-DATA PDUs, and does nothing
 * else: deciding and answering is the worker's job, so every request gets the response we choose. It reads the
 * requests peers send us and the C-STORE responses to the sub-operations we send.
 *
 * <p>Memory is bounded: a command set is a few hundred bytes, so one beyond {@link #MAX_COMMAND_BYTES} is a protocol
 * error; a data set beyond the maximum accepted is read to its last fragment but not kept, so the worker can refuse
 * it with a status rather than leave the sender without an answer. The maximum is the configured data set size for a
 * C-STORE request, and at most {@link #MAX_IDENTIFIER_BYTES} for any other message (the identifier of a C-FIND,
 * C-GET or C-MOVE request, a C-STORE response or a C-CANCEL, which carry a few keys or nothing).
 *
 * <p>It extends PixelMed's CompositeResponseHandler only because that is the one PixelMed handler type with a public
 * constructor that an association accepts.
 */
final class DimseMessageReader extends CompositeResponseHandler {

    static final int MAX_COMMAND_BYTES = 64 * 1024;

    /** The largest data set kept for a message other than a C-STORE request: an identifier is a few keys. */
    static final int MAX_IDENTIFIER_BYTES = 1024 * 1024;

    private static final int NO_DATA_SET = 0x0101;
    private static final int TYPICAL_DATA_SET_BYTES = 600 * 1024;
    private static final int TYPICAL_IDENTIFIER_BYTES = 1024;

    private final long maxDataSetBytes;
    private final OutputStream abortTo;
    private final ByteArrayOutputStream command = new ByteArrayOutputStream(256);
    private ByteArrayOutputStream data;
    private long dataSetBytes;
    private boolean dataSetTooLarge;
    private AttributeList commandList;
    private byte presentationContextId;

    /**
     * @param maxDataSetBytes the largest data set of a C-STORE request kept
     * @param abortTo         the connection's output, where an A-ABORT goes when the peer breaks the protocol; null
     *                        where we cannot write to the connection ourselves (the protocol error then only ends
     *                        the association)
     */
    DimseMessageReader(long maxDataSetBytes, OutputStream abortTo) {
        this.maxDataSetBytes = maxDataSetBytes;
        this.abortTo = abortTo;
    }

    /**
     * A reader for the messages that come while we answer a request (C-STORE responses to our sub-operations, a
     * C-CANCEL), none of which carries more than an identifier.
     */
    static DimseMessageReader forResponses(OutputStream abortTo) {
        return new DimseMessageReader(MAX_IDENTIFIER_BYTES, abortTo);
    }

    @Override
    public void sendPDataIndication(PDataPDU pdu, Association association)
            throws DicomNetworkException, DicomException, IOException {
        for (Object value : pdu.getPDVList()) {
            PresentationDataValue pdv = (PresentationDataValue) value;
            presentationContextId = pdv.getPresentationContextID();
            if (pdv.isCommand()) {
                readCommand(pdv);
            } else {
                readData(pdv);
            }
        }
    }

    private void readCommand(PresentationDataValue pdv) throws DicomNetworkException {
        if (commandList != null || command.size() + pdv.getValue().length > MAX_COMMAND_BYTES) {
            throw protocolError("a command set longer than " + MAX_COMMAND_BYTES + " bytes, or a second one");
        }
        command.writeBytes(pdv.getValue());
        if (!pdv.isLastFragment()) {
            return;
        }
        byte[] commandSet = command.toByteArray();
        String framing = framingError(commandSet);
        if (framing != null) {
            throw protocolError(framing);
        }
        try {
            commandList = getAttributeListFromCommandOrData(commandSet, TransferSyntax.Default);
        } catch (DicomException | IOException | RuntimeException e) {
            throw protocolError("unreadable command set: " + e.getMessage());
        }
        if (commandField() == -1) {
            throw protocolError("a command set without CommandField");
        }
        if (commandInt(TagFromName.CommandDataSetType) == NO_DATA_SET) {
            setDone(true);
        }
    }

    private void readData(PresentationDataValue pdv) throws DicomNetworkException {
        if (commandList == null) {
            throw protocolError("a data set before its command set");
        }
        long max = dataSetLimit();
        if (data == null && !dataSetTooLarge) {
            data = new ByteArrayOutputStream((int) Math.min(max, commandField() == CommandSet.C_STORE_RQ
                    ? TYPICAL_DATA_SET_BYTES : TYPICAL_IDENTIFIER_BYTES));
        }
        byte[] fragment = pdv.getValue();
        dataSetBytes += fragment.length;
        if (dataSetBytes > max) {
            dataSetTooLarge = true;
            data = null; // too large: counted to its end, no longer kept
        } else {
            data.writeBytes(fragment);
        }
        if (pdv.isLastFragment()) {
            setDone(true);
        }
    }

    /**
     * Why the command set is not group 0000 elements in Implicit VR Little Endian whose lengths fit, or null when it
     * is. Checked before PixelMed parses it: PixelMed allocates each element's declared length first.
     */
    static String framingError(byte[] commandSet) {
        ByteBuffer in = ByteBuffer.wrap(commandSet).order(ByteOrder.LITTLE_ENDIAN);
        while (in.hasRemaining()) {
            if (in.remaining() < 8) {
                return "a command set ending in a partial element";
            }
            int group = Short.toUnsignedInt(in.getShort());
            in.getShort();
            long length = Integer.toUnsignedLong(in.getInt());
            if (group != 0x0000) {
                return String.format("a command set element in group %04X", group);
            }
            if (length > in.remaining()) {
                return "a command set element declaring " + length + " bytes, " + in.remaining() + " remain";
            }
            in.position(in.position() + (int) length);
        }
        return null;
    }

    /** Aborts the association: PixelMed closes the connection when this exception leaves the handler. */
    private DicomNetworkException protocolError(String what) {
        if (abortTo != null) {
            AbortPdu.sendQuietly(abortTo, AbortPdu.UNEXPECTED_PDU);
        }
        return new DicomNetworkException("protocol error, association aborted: " + what);
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

    /** The largest data set kept for this message, known once its command set is read. */
    long dataSetLimit() {
        return commandField() == CommandSet.C_STORE_RQ ? maxDataSetBytes
                : Math.min(maxDataSetBytes, MAX_IDENTIFIER_BYTES);
    }

    /** Whether the data set was larger than the maximum accepted (and so was not kept). */
    boolean dataSetTooLarge() {
        return dataSetTooLarge;
    }

    long dataSetBytes() {
        return dataSetBytes;
    }

    byte[] dataSet() {
        if (dataSetTooLarge) {
            throw new IllegalStateException("the data set was too large to keep");
        }
        return data == null ? new byte[0] : data.toByteArray();
    }

    private int commandInt(com.pixelmed.dicom.AttributeTag tag) {
        return Attribute.getSingleIntegerValueOrDefault(commandList, tag, -1);
    }
}
