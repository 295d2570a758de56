package io.vigie.ingest;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Wraps a received data set, byte for byte and unparsed, in a Part 10 file (preamble, "DICM", file meta information
 * from the C-STORE request), so an administrator can open a quarantined instance with any DICOM tool. Nothing is
 * parsed: the data set may be exactly what could not be parsed.
 */
final class QuarantineFile {

    /** Vigie's Implementation Class UID (a UUID-derived 2.25 UID, PS3.5 B.2). */
    static final String IMPLEMENTATION_CLASS_UID = "2.25.267476070681975308535388203876952198630";
    static final String IMPLEMENTATION_VERSION = "VIGIE_QUARANTINE";

    private final ByteArrayOutputStream meta = new ByteArrayOutputStream(256);

    private QuarantineFile() {
    }

    static byte[] of(ReceivedInstance received) {
        QuarantineFile file = new QuarantineFile();
        file.element(0x0001, "OB", new byte[] {0x00, 0x01});
        file.uid(0x0002, received.sopClassUid());
        file.uid(0x0003, received.sopInstanceUid());
        file.uid(0x0010, received.transferSyntaxUid());
        file.uid(0x0012, IMPLEMENTATION_CLASS_UID);
        file.element(0x0013, "SH", padded(IMPLEMENTATION_VERSION, (byte) ' '));
        return file.withDataSet(received.dataSet());
    }

    private void uid(int element, String uid) {
        element(element, "UI", padded(uid == null ? "" : uid, (byte) 0));
    }

    /** Explicit VR Little Endian, as PS3.10 requires for group 0002. */
    private void element(int element, String vr, byte[] value) {
        boolean longForm = vr.equals("OB");
        ByteBuffer header = ByteBuffer.allocate(longForm ? 12 : 8).order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) 0x0002).putShort((short) element).put(vr.getBytes(StandardCharsets.US_ASCII));
        if (longForm) {
            header.putShort((short) 0).putInt(value.length);
        } else {
            header.putShort((short) value.length);
        }
        meta.writeBytes(header.array());
        meta.writeBytes(value);
    }

    private byte[] withDataSet(byte[] dataSet) {
        byte[] elements = meta.toByteArray();
        return ByteBuffer.allocate(128 + 4 + 12 + elements.length + dataSet.length).order(ByteOrder.LITTLE_ENDIAN)
                .put(new byte[128]).put("DICM".getBytes(StandardCharsets.US_ASCII))
                .putShort((short) 0x0002).putShort((short) 0x0000).put("UL".getBytes(StandardCharsets.US_ASCII))
                .putShort((short) 4).putInt(elements.length)
                .put(elements).put(dataSet).array();
    }

    private static byte[] padded(String value, byte padding) {
        byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length % 2 == 0) {
            return bytes;
        }
        byte[] even = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, even, 0, bytes.length);
        even[bytes.length] = padding;
        return even;
    }
}
