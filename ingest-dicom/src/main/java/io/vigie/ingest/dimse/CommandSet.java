package io.vigie.ingest.dimse;

import io.vigie.ingest.DimseStatus;
import io.vigie.ingest.query.RetrieveProgress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Encodes DIMSE command sets (PS3.7 section 9.3 and Annex E): group 0000 elements in Implicit VR Little Endian, in
 * tag order, preceded by their group length. Written here because PixelMed's command classes cannot carry an
 * ErrorComment beside sub-operation counts, nor let us choose the message ID of the C-STORE requests we send.
 */
final class CommandSet {

    static final int C_STORE_RQ = 0x0001;
    static final int C_STORE_RSP = 0x8001;
    static final int C_GET_RQ = 0x0010;
    static final int C_GET_RSP = 0x8010;
    static final int C_FIND_RQ = 0x0020;
    static final int C_FIND_RSP = 0x8020;
    static final int C_MOVE_RQ = 0x0021;
    static final int C_MOVE_RSP = 0x8021;
    static final int C_ECHO_RQ = 0x0030;
    static final int C_ECHO_RSP = 0x8030;
    static final int C_CANCEL_RQ = 0x0FFF;

    private static final int NO_DATA_SET = 0x0101;
    private static final int DATA_SET_PRESENT = 0x0000;
    private static final int MEDIUM_PRIORITY = 0x0000;
    private static final int MAX_ERROR_COMMENT = 64;

    /** Element number to encoded element; a TreeMap keeps them in the tag order PS3.7 requires. */
    private final Map<Integer, byte[]> elements = new TreeMap<>();

    private CommandSet() {
    }

    /** A response without data set: the status, and the ErrorComment beside a failure or warning. */
    static CommandSet response(int commandField, int messageId, String sopClassUid, DimseStatus status) {
        CommandSet set = new CommandSet();
        set.uid(0x0002, sopClassUid);
        set.us(0x0100, commandField);
        set.us(0x0120, messageId);
        set.us(0x0800, NO_DATA_SET);
        set.us(0x0900, status.code());
        if (status.comment() != null && !status.isSuccess() && !status.isPending()) {
            set.text(0x0902, status.comment());
        }
        return set;
    }

    /** A C-STORE request for one instance, announcing its data set. */
    static CommandSet storeRequest(int messageId, String sopClassUid, String sopInstanceUid) {
        CommandSet set = new CommandSet();
        set.uid(0x0002, sopClassUid);
        set.us(0x0100, C_STORE_RQ);
        set.us(0x0110, messageId);
        set.us(0x0700, MEDIUM_PRIORITY);
        set.us(0x0800, DATA_SET_PRESENT);
        set.uid(0x1000, sopInstanceUid);
        return set;
    }

    CommandSet affectedSopInstance(String sopInstanceUid) {
        if (sopInstanceUid != null) {
            uid(0x1000, sopInstanceUid);
        }
        return this;
    }

    /** Says a data set (a C-FIND match, a C-MOVE's list of failed instances) follows the command. */
    CommandSet withDataSet() {
        us(0x0800, DATA_SET_PRESENT);
        return this;
    }

    /**
     * The sub-operation counts of a C-MOVE or C-GET response. The number remaining is only meaningful while pending
     * or when cancelled (PS3.4 C.4.2.3.1), so a final response leaves it out.
     */
    CommandSet counts(RetrieveProgress progress, boolean withRemaining) {
        if (withRemaining) {
            us(0x1020, progress.remaining());
        }
        us(0x1021, progress.completed());
        us(0x1022, progress.failed());
        us(0x1023, progress.warning());
        return this;
    }

    /** On a C-STORE sent for a C-MOVE: who asked for it, and in which request (PS3.7 9.1.1.1). */
    CommandSet moveOriginator(String aeTitle, int messageId) {
        text(0x1030, aeTitle);
        us(0x1031, messageId);
        return this;
    }

    byte[] bytes() {
        int length = elements.values().stream().mapToInt(e -> e.length).sum();
        ByteBuffer buffer = ByteBuffer.allocate(12 + length).order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) 0x0000).putShort((short) 0x0000).putInt(4).putInt(length);
        elements.values().forEach(buffer::put);
        return buffer.array();
    }

    private void us(int element, int value) {
        put(element, new byte[] {(byte) (value & 0xFF), (byte) ((value >> 8) & 0xFF)}, (byte) 0);
    }

    private void uid(int element, String uid) {
        put(element, uid.getBytes(StandardCharsets.US_ASCII), (byte) 0);
    }

    private void text(int element, String text) {
        String printable = text.replaceAll("[^\\x20-\\x7E]", "?");
        String clipped = printable.length() > MAX_ERROR_COMMENT ? printable.substring(0, MAX_ERROR_COMMENT) : printable;
        put(element, clipped.getBytes(StandardCharsets.US_ASCII), (byte) ' ');
    }

    private void put(int element, byte[] value, byte padding) {
        int length = value.length + (value.length % 2);
        ByteBuffer encoded = ByteBuffer.allocate(8 + length).order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) 0x0000).putShort((short) element).putInt(length).put(value);
        if (length > value.length) {
            encoded.put(padding);
        }
        elements.put(element, encoded.array());
    }
}
