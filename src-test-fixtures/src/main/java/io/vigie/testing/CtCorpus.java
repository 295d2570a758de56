package io.vigie.testing;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomDictionary;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.TransferSyntax;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Many distinct CT instances from the few real LIDC-IDRI slices: each written again with its own SOP Instance UID and
 * InstanceNumber, so a transfer of hundreds of instances needs no more shared data than one case.
 */
public final class CtCorpus {

    /** One written instance: its file and the SOP Instance UID it carries (before de-identification). */
    public record Instance(Path file, String sopInstanceUid) {
    }

    private CtCorpus() {
    }

    /**
     * Writes {@code count} instances of one series into {@code folder}, cycling through the slices of
     * {@code caseId}. The UIDs depend only on {@code label} and the index, so a corpus can be rebuilt identically.
     */
    public static List<Instance> write(Path folder, String caseId, String label, int count) throws Exception {
        List<Path> slices = SharedData.lidcSlices(caseId);
        List<AttributeList> sources = new ArrayList<>();
        for (Path slice : slices) {
            AttributeList list = new AttributeList();
            list.read(slice.toFile());
            sources.add(list);
        }
        List<Instance> written = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            AttributeList list = sources.get(i % sources.size());
            String sopInstanceUid = uid(label + "/" + i);
            set(list, "SOPInstanceUID", sopInstanceUid);
            set(list, "InstanceNumber", Integer.toString(i + 1));
            list.removeMetaInformationHeaderAttributes();
            FileMetaInformation.addFileMetaInformation(list, TransferSyntax.ExplicitVRLittleEndian, "CORPUS");
            Path file = folder.resolve(String.format("ct-%04d.dcm", i + 1));
            list.write(file.toFile(), TransferSyntax.ExplicitVRLittleEndian, true, true);
            written.add(new Instance(file, sopInstanceUid));
        }
        return written;
    }

    /** A 2.25 UID (PS3.5 B.2) from a name-based UUID. */
    private static String uid(String name) {
        UUID uuid = UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
        byte[] bytes = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits()).array();
        return "2.25." + new BigInteger(1, bytes);
    }

    private static void set(AttributeList list, String keyword, String value) throws Exception {
        AttributeTag tag = DicomDictionary.StandardDictionary.getTagFromName(keyword);
        Attribute attribute = list.get(tag);
        attribute.removeValues();
        attribute.addValue(value);
    }
}
