package io.vigie.testing;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeFactory;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomDictionary;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.OtherByteAttribute;
import com.pixelmed.dicom.TransferSyntax;
import java.nio.file.Path;

/**
 * A small ultrasound image that declares burned-in text, from a device no clean-pixel rule covers: an instance the
 * gateway must quarantine rather than archive. Identified on purpose (PatientID {@link #PATIENT_ID}).
 */
public final class SyntheticUltrasound {

    public static final String SOP_CLASS_UID = "1.2.840.10008.5.1.4.1.1.6.1";
    public static final String SOP_INSTANCE_UID = "1.2.826.0.1.3680043.2.1125.999.10.1";
    public static final String PATIENT_ID = "US-PATIENT-7";

    private SyntheticUltrasound() {
    }

    /** Writes the instance as a Part 10 file (Explicit VR Little Endian) and returns its path. */
    public static Path write(Path file) throws Exception {
        AttributeList list = new AttributeList();
        String[][] values = {
                {"SOPClassUID", SOP_CLASS_UID}, {"SOPInstanceUID", SOP_INSTANCE_UID},
                {"StudyInstanceUID", "1.2.826.0.1.3680043.2.1125.999.10"},
                {"SeriesInstanceUID", "1.2.826.0.1.3680043.2.1125.999.10.2"},
                {"PatientID", PATIENT_ID}, {"PatientName", "Doe^Jane"}, {"AccessionNumber", "US-ACC-7"},
                {"StudyDate", "20240517"}, {"Modality", "US"}, {"Manufacturer", "ACME"},
                {"ManufacturerModelName", "Sono 5"}, {"BurnedInAnnotation", "YES"},
                {"SamplesPerPixel", "1"}, {"PhotometricInterpretation", "MONOCHROME2"}, {"Rows", "16"},
                {"Columns", "16"}, {"BitsAllocated", "8"}, {"BitsStored", "8"}, {"HighBit", "7"},
                {"PixelRepresentation", "0"}};
        for (String[] value : values) {
            Attribute attribute = AttributeFactory.newAttribute(tag(value[0]));
            attribute.addValue(value[1]);
            list.put(attribute);
        }
        OtherByteAttribute pixels = new OtherByteAttribute(tag("PixelData"));
        pixels.setValues(new byte[16 * 16]);
        list.put(pixels);
        FileMetaInformation.addFileMetaInformation(list, TransferSyntax.ExplicitVRLittleEndian, "TEST");
        list.write(file.toFile(), TransferSyntax.ExplicitVRLittleEndian, true, true);
        return file;
    }

    private static AttributeTag tag(String keyword) {
        return DicomDictionary.StandardDictionary.getTagFromName(keyword);
    }
}
