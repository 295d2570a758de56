package io.vigie.ingest.dimse;

import io.vigie.ingest.DimseStatus;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Encodes DIMSE response command sets (PS3.7 section 9.3 and Annex E): group 0000 elements in Implicit VR Little
 * Endian, in tag order, preceded by their group length. Written here because PixelMed's response classes cannot carry
 * an ErrorComment.
 */
final class CommandSet {

    static final int C_STORE_RSP = 0x8001;
    static final int C_ECHO_RSP = 0x8030;
    private static final int NO_DATA_SET = 0x0101;
    private static final int MAX_ERROR_COMMENT = 64;

    private final ByteArrayOutputStream elements = new ByteArrayOutputStream(256);

    private CommandSet() {
    }

    static byte[] response(int commandField, int messageId, String sopClassUid, String sopInstanceUid,
            DimseStatus status) {
        CommandSet set = new CommandSet();
        set.uid(0x0002, sopClassUid);
        set.us(0x0100, commandField);
        set.us(0x0120, messageId);
        set.us(0x0800, NO_DATA_SET);
        set.us(0x0900, status.code());
        if (status.comment() != null && !status.isSuccess()) {
            set.text(0x0902, status.comment());
        }
        if (sopInstanceUid != null) {
            set.uid(0x1000, sopInstanceUid);
        }
        return set.withGroupLength();
    }

    private void us(int element, int value) {
        header(element, 2);
        elements.write(value & 0xFF);
        elements.write((value >> 8) & 0xFF);
    }

    private void uid(int element, String uid) {
        value(element, uid.getBytes(StandardCharsets.US_ASCII), (byte) 0);
    }

    private void text(int element, String text) {
        String printable = text.replaceAll("[^\\x20-\\x7E]", "?");
        String clipped = printable.length() > MAX_ERROR_COMMENT ? printable.substring(0, MAX_ERROR_COMMENT) : printable;
        value(element, clipped.getBytes(StandardCharsets.US_ASCII), (byte) ' ');
    }

    private void value(int element, byte[] bytes, byte padding) {
        int length = bytes.length + (bytes.length % 2);
        header(element, length);
        elements.writeBytes(bytes);
        if (length > bytes.length) {
            elements.write(padding);
        }
    }

    private void header(int element, int length) {
        elements.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) 0x0000).putShort((short) element).putInt(length).array());
    }

    private byte[] withGroupLength() {
        byte[] body = elements.toByteArray();
        return ByteBuffer.allocate(12 + body.length).order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) 0x0000).putShort((short) 0x0000).putInt(4).putInt(body.length)
                .put(body).array();
    }
}
