package io.vigie.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import java.util.Optional;

/** The bulk data values of an instance: what its WADO-RS metadata names by BulkDataURI instead of inlining. */
public final class BulkDataValues {

    private BulkDataValues() {
    }

    /** The value of a top-level attribute served as bulk data (see {@link DicomJsonEncoder#isBulkData}), by tag. */
    public static Optional<byte[]> of(DicomInstance instance, String tagKey) throws MalformedDicomException {
        if (!tagKey.matches("[0-9A-Fa-f]{8}")) {
            return Optional.empty();
        }
        int value = (int) Long.parseLong(tagKey, 16);
        Attribute attribute = instance.attributeList().get(new AttributeTag(value >>> 16, value & 0xFFFF));
        if (attribute == null || !DicomJsonEncoder.isBulkData(attribute)) {
            return Optional.empty();
        }
        try {
            return Optional.of(attribute.getByteValues(false));
        } catch (DicomException e) {
            throw new MalformedDicomException("cannot read " + tagKey, e);
        }
    }
}
