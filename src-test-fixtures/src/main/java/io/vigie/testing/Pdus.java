package io.vigie.testing;

import com.pixelmed.network.CEchoRequestCommandMessage;
import com.pixelmed.network.CStoreRequestCommandMessage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * DICOM upper layer PDUs (PS3.8 section 9.3) built byte by byte, so a test can send exactly the malformed, truncated
 * or oversized ones no DICOM toolkit would send.
 */
public final class Pdus {

    public static final int A_ASSOCIATE_RQ = 0x01;
    public static final int A_ASSOCIATE_AC = 0x02;
    public static final int A_ASSOCIATE_RJ = 0x03;
    public static final int P_DATA_TF = 0x04;
    public static final int A_RELEASE_RQ = 0x05;
    public static final int A_ABORT = 0x07;

    public static final String VERIFICATION = "1.2.840.10008.1.1";
    public static final String CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2";
    public static final String IMPLICIT_LITTLE_ENDIAN = "1.2.840.10008.1.2";
    public static final String EXPLICIT_LITTLE_ENDIAN = "1.2.840.10008.1.2.1";

    private Pdus() {
    }

    /** The 6-byte PDU header: type, reserved, length of what follows (unsigned 32-bit, big endian). */
    public static byte[] header(int type, long length) {
        return ByteBuffer.allocate(6).put((byte) type).put((byte) 0).putInt((int) length).array();
    }

    /**
     * An A-ASSOCIATE-RQ proposing presentation context 1 for Verification (Implicit VR Little Endian) and 3 for CT
     * Image Storage (Explicit VR Little Endian), offering to receive PDUs of up to 16 KiB.
     */
    public static byte[] associateRequest(String calledAe, String callingAe) {
        ByteArrayOutputStream items = new ByteArrayOutputStream();
        item(items, 0x10, ascii("1.2.840.10008.3.1.1.1"));
        items.writeBytes(presentationContext(1, VERIFICATION, IMPLICIT_LITTLE_ENDIAN));
        items.writeBytes(presentationContext(3, CT_IMAGE_STORAGE, EXPLICIT_LITTLE_ENDIAN));
        ByteArrayOutputStream user = new ByteArrayOutputStream();
        item(user, 0x51, ByteBuffer.allocate(4).putInt(16384).array());
        item(user, 0x52, ascii("1.2.826.0.1.3680043.2.1125.1"));
        item(items, 0x50, user.toByteArray());
        byte[] variable = items.toByteArray();
        ByteBuffer body = ByteBuffer.allocate(68 + variable.length)
                .putShort((short) 1).putShort((short) 0)
                .put(aeTitle(calledAe)).put(aeTitle(callingAe)).put(new byte[32]).put(variable);
        return pdu(A_ASSOCIATE_RQ, body.array());
    }

    /** A P-DATA-TF PDU carrying one presentation data value. */
    public static byte[] pData(int contextId, boolean command, boolean last, byte[] fragment) {
        ByteBuffer pdv = ByteBuffer.allocate(6 + fragment.length).putInt(2 + fragment.length)
                .put((byte) contextId).put((byte) ((command ? 1 : 0) | (last ? 2 : 0))).put(fragment);
        return pdu(P_DATA_TF, pdv.array());
    }

    public static byte[] releaseRequest() {
        return pdu(A_RELEASE_RQ, new byte[4]);
    }

    /** The command set of a C-ECHO-RQ (Implicit VR Little Endian, as every command set). */
    public static byte[] echoCommand() {
        try {
            return new CEchoRequestCommandMessage().getBytes();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The command set of a C-STORE-RQ announcing a data set. */
    public static byte[] storeCommand(String sopClassUid, String sopInstanceUid) {
        try {
            return new CStoreRequestCommandMessage(sopClassUid, sopInstanceUid).getBytes();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** One Explicit VR Little Endian element with a 4-byte length field (OB, OW, UN, SQ...), declaring any length. */
    public static byte[] longElement(int group, int element, String vr, long declaredLength, byte[] value) {
        return ByteBuffer.allocate(12 + value.length).order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) group).putShort((short) element).put(ascii(vr)).putShort((short) 0)
                .putInt((int) declaredLength).put(value).array();
    }

    /**
     * The Status (0000,0900) of a DIMSE response command set (Implicit VR Little Endian), or -1 if it has none.
     */
    public static int status(byte[] commandSet) {
        ByteBuffer in = ByteBuffer.wrap(commandSet).order(ByteOrder.LITTLE_ENDIAN);
        while (in.remaining() >= 8) {
            int group = Short.toUnsignedInt(in.getShort());
            int element = Short.toUnsignedInt(in.getShort());
            int length = in.getInt();
            if (length < 0 || length > in.remaining()) {
                return -1;
            }
            if (group == 0 && element == 0x0900 && length == 2) {
                return Short.toUnsignedInt(in.getShort());
            }
            in.position(in.position() + length);
        }
        return -1;
    }

    private static byte[] presentationContext(int id, String abstractSyntax, String transferSyntax) {
        ByteArrayOutputStream sub = new ByteArrayOutputStream();
        sub.writeBytes(new byte[] {(byte) id, 0, 0, 0});
        item(sub, 0x30, ascii(abstractSyntax));
        item(sub, 0x40, ascii(transferSyntax));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        item(out, 0x20, sub.toByteArray());
        return out.toByteArray();
    }

    private static void item(ByteArrayOutputStream out, int type, byte[] value) {
        out.writeBytes(ByteBuffer.allocate(4).put((byte) type).put((byte) 0).putShort((short) value.length).array());
        out.writeBytes(value);
    }

    private static byte[] pdu(int type, byte[] body) {
        return ByteBuffer.allocate(6 + body.length).put(header(type, body.length)).put(body).array();
    }

    private static byte[] aeTitle(String title) {
        return ascii(String.format("%-16s", title));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
