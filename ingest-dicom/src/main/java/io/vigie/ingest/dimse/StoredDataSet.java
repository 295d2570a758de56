package io.vigie.ingest.dimse;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.DicomOutputStream;
import com.pixelmed.dicom.TransferSyntax;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The data set of a stored Part 10 file as a C-STORE sub-operation sends it. In the stored transfer syntax it is the
 * file's bytes after the meta information, untouched; an uncompressed data set can also be re-encoded in another
 * uncompressed syntax for a peer that does not accept the stored one. Compressed data is never transcoded.
 */
final class StoredDataSet {

    /** The syntaxes offered or accepted, in order of preference, when the stored one cannot be used. */
    static final List<String> UNCOMPRESSED = List.of(TransferSyntax.ExplicitVRLittleEndian,
            TransferSyntax.ImplicitVRLittleEndian);

    private StoredDataSet() {
    }

    /** True when a data set stored in {@code transferSyntaxUid} can be re-encoded in the uncompressed syntaxes. */
    static boolean isTranscodable(String transferSyntaxUid) {
        TransferSyntax syntax = new TransferSyntax(transferSyntaxUid);
        return syntax.isRecognized() && syntax.isNotEncapsulated() && !syntax.isDeflated() && !syntax.isBzip2ed();
    }

    static byte[] inTransferSyntax(byte[] part10, String storedSyntax, String wantedSyntax)
            throws IOException, DicomException {
        if (storedSyntax.equals(wantedSyntax)) {
            return afterMetaInformation(part10);
        }
        AttributeList list = new AttributeList();
        try (DicomInputStream in = new DicomInputStream(new ByteArrayInputStream(part10))) {
            list.read(in);
        }
        list.removeMetaInformationHeaderAttributes();
        ByteArrayOutputStream out = new ByteArrayOutputStream(part10.length);
        list.write(new DicomOutputStream(out, null, wantedSyntax));
        return out.toByteArray();
    }

    /** Skips the 128-byte preamble, "DICM" and the group 0002 elements, whose length the first element gives. */
    private static byte[] afterMetaInformation(byte[] part10) throws DicomException {
        ByteBuffer file = ByteBuffer.wrap(part10).order(ByteOrder.LITTLE_ENDIAN);
        if (part10.length < 144 || !"DICM".equals(new String(part10, 128, 4, StandardCharsets.US_ASCII))
                || file.getShort(132) != 0x0002 || file.getShort(134) != 0x0000) {
            throw new DicomException("stored file has no Part 10 meta information group length");
        }
        int dataSetStart = 144 + file.getInt(140);
        if (dataSetStart > part10.length) {
            throw new DicomException("stored file's meta information runs past its end");
        }
        byte[] dataSet = new byte[part10.length - dataSetStart];
        System.arraycopy(part10, dataSetStart, dataSet, 0, dataSet.length);
        return dataSet;
    }
}
