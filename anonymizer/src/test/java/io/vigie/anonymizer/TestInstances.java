package io.vigie.anonymizer;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeFactory;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.OtherByteAttribute;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TransferSyntax;
import io.vigie.dicom.DicomInstance;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/** Small instances built in code, for the cases the shared CT slices do not have. */
final class TestInstances {

    private final AttributeList list = new AttributeList();

    static TestInstances of(String sopClassUid, String modality) throws DicomException {
        return new TestInstances()
                .put("SOPClassUID", sopClassUid)
                .put("SOPInstanceUID", "1.2.826.0.1.3680043.9.7777.1.1")
                .put("StudyInstanceUID", "1.2.826.0.1.3680043.9.7777.1.2")
                .put("SeriesInstanceUID", "1.2.826.0.1.3680043.9.7777.1.3")
                .put("Modality", modality)
                .put("PatientID", "PAT-0042")
                .put("PatientName", "Martin^Jeanne")
                .put("StudyDate", "20240115");
    }

    TestInstances put(String keyword, String... values) throws DicomException {
        Attribute attribute = AttributeFactory.newAttribute(DicomInstance.tag(keyword));
        for (String value : values) {
            attribute.addValue(value);
        }
        list.put(attribute);
        return this;
    }

    TestInstances put(AttributeTag tag, byte[] vr, String value) throws DicomException {
        Attribute attribute = AttributeFactory.newAttribute(tag, vr);
        attribute.addValue(value);
        list.put(attribute);
        return this;
    }

    /** A sequence of one item holding the given keyword/value pairs. */
    TestInstances sequence(String keyword, String... keywordValuePairs) throws DicomException {
        AttributeList item = new AttributeList();
        for (int i = 0; i < keywordValuePairs.length; i += 2) {
            Attribute attribute = AttributeFactory.newAttribute(DicomInstance.tag(keywordValuePairs[i]));
            attribute.addValue(keywordValuePairs[i + 1]);
            item.put(attribute);
        }
        SequenceAttribute sequence = new SequenceAttribute(DicomInstance.tag(keyword));
        sequence.addItem(item);
        list.put(sequence);
        return this;
    }

    /** 8-bit monochrome pixels, every one set to {@code value}. */
    TestInstances pixels(int rows, int columns, int value) throws DicomException {
        put("Rows", String.valueOf(rows)).put("Columns", String.valueOf(columns)).put("SamplesPerPixel", "1")
                .put("PhotometricInterpretation", "MONOCHROME2").put("BitsAllocated", "8").put("BitsStored", "8")
                .put("HighBit", "7").put("PixelRepresentation", "0");
        byte[] pixels = new byte[rows * columns];
        Arrays.fill(pixels, (byte) value);
        OtherByteAttribute pixelData = new OtherByteAttribute(DicomInstance.tag("PixelData"));
        pixelData.setValues(pixels);
        list.put(pixelData);
        return this;
    }

    DicomInstance build() throws Exception {
        AttributeList copy = (AttributeList) list.clone();
        FileMetaInformation.addFileMetaInformation(copy, TransferSyntax.ExplicitVRLittleEndian, "TEST");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        copy.write(out, TransferSyntax.ExplicitVRLittleEndian, true, true);
        return DicomInstance.readPart10(new ByteArrayInputStream(out.toByteArray()));
    }
}
