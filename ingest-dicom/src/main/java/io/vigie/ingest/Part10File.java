package io.vigie.ingest;

import io.vigie.dicom.MalformedDicomException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Unwraps a DICOM Part 10 file (PS3.10 7.1: 128-byte preamble, "DICM", file meta information in Explicit VR Little
 * Endian) into a {@link ReceivedInstance}: the SOP Class, SOP Instance and transfer syntax its meta information
 * announces, and the data set bytes exactly as they follow it. Only group 0002 is read here. The data set itself is
 * left to the pipeline, exactly as for C-STORE, so that a broken data set is quarantined the same way whichever door
 * it came through.
 */
final class Part10File {

    private static final int PREAMBLE = 128;
    private static final int MEDIA_STORAGE_SOP_CLASS_UID = 0x0002;
    private static final int MEDIA_STORAGE_SOP_INSTANCE_UID = 0x0003;
    private static final int TRANSFER_SYNTAX_UID = 0x0010;
    /** VRs whose explicit length is 4 bytes after 2 reserved ones (PS3.5 7.1.2). */
    private static final Set<String> LONG_LENGTH_VRS = Set.of("OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC",
            "UN", "UR", "UT", "UV");

    private Part10File() {
    }

    /**
     * @param site the site whose pseudonyms apply to the instance
     * @throws MalformedDicomException when the file has no "DICM" prefix, or its meta information is cut short or
     *                                 lacks the SOP Class, SOP Instance or transfer syntax
     */
    static ReceivedInstance unwrap(ReceivedInstance.Source source, String site, String sender, byte[] file,
            String targetStudyInstanceUid) throws MalformedDicomException {
        if (file.length < PREAMBLE + 4
                || !"DICM".equals(new String(file, PREAMBLE, 4, StandardCharsets.US_ASCII))) {
            throw new MalformedDicomException("not a DICOM Part 10 file: no \"DICM\" after the 128-byte preamble",
                    null);
        }
        ByteBuffer meta = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        Map<Integer, String> uids = new HashMap<>();
        int position = PREAMBLE + 4;
        // Read while the group is 0002 rather than trusting (0002,0000): some writers omit or miscount it.
        while (position + 4 <= file.length && meta.getShort(position) == 0x0002) {
            int element = Short.toUnsignedInt(meta.getShort(position + 2));
            if (position + 8 > file.length) {
                throw cutShort(element);
            }
            String vr = new String(file, position + 4, 2, StandardCharsets.US_ASCII);
            boolean longLength = LONG_LENGTH_VRS.contains(vr);
            int header = longLength ? 12 : 8;
            if (position + header > file.length) {
                throw cutShort(element);
            }
            long length = longLength ? Integer.toUnsignedLong(meta.getInt(position + 8))
                    : Short.toUnsignedInt(meta.getShort(position + 6));
            if (position + header + length > file.length) {
                throw cutShort(element);
            }
            if (vr.equals("UI")) {
                uids.put(element, uid(file, position + header, (int) length));
            }
            position += header + (int) length;
        }
        return new ReceivedInstance(source, site, sender,
                required(uids, MEDIA_STORAGE_SOP_CLASS_UID, "MediaStorageSOPClassUID"),
                required(uids, MEDIA_STORAGE_SOP_INSTANCE_UID, "MediaStorageSOPInstanceUID"),
                required(uids, TRANSFER_SYNTAX_UID, "TransferSyntaxUID"),
                Arrays.copyOfRange(file, position, file.length), targetStudyInstanceUid);
    }

    private static String uid(byte[] file, int offset, int length) {
        // UIDs are padded to even length with NUL; some writers pad with a space.
        return new String(file, offset, length, StandardCharsets.US_ASCII).replace("\0", "").trim();
    }

    private static String required(Map<Integer, String> uids, int element, String keyword)
            throws MalformedDicomException {
        String uid = uids.get(element);
        if (uid == null || uid.isEmpty()) {
            throw new MalformedDicomException("no " + keyword + " in the file meta information", null);
        }
        return uid;
    }

    private static MalformedDicomException cutShort(int element) {
        return new MalformedDicomException(String.format(
                "file meta information element (0002,%04X) runs past the end of the file", element), null);
    }
}
