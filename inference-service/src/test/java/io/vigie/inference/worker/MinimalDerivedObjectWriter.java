package io.vigie.inference.worker;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeFactory;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import io.vigie.dicom.DicomInstance;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test stand-in for the SR/SEG writer (the real TID 1500 and Segmentation writers are io.vigie.inference.output):
 * real Part 10 files with the patient and study of the analysed series and the UIDs the worker chose, holding no
 * report content. It lets the worker's tests check what the worker owns (UIDs, storing, ordering, retries) without
 * depending on the content of the report. {@link #failSegOnce} makes the first SEG unreadable, a crash between the
 * SR's store and the SEG's.
 */
final class MinimalDerivedObjectWriter implements DerivedObjectWriter {

    static final String COMPREHENSIVE_3D_SR = "1.2.840.10008.5.1.4.1.1.88.34";
    static final String SEGMENTATION = "1.2.840.10008.5.1.4.1.1.66.4";

    final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger segFailuresLeft = new AtomicInteger();

    MinimalDerivedObjectWriter failSegOnce() {
        segFailuresLeft.set(1);
        return this;
    }

    @Override
    public DerivedObjects write(DerivedObjectRequest request) throws Exception {
        calls.incrementAndGet();
        DicomInstance source = request.sources().get(0);
        byte[] sr = object(source, COMPREHENSIVE_3D_SR, "SR", request.uids().srSeriesUid(),
                request.uids().srSopInstanceUid());
        if (request.findings().isEmpty()) {
            return new DerivedObjects(sr, null);
        }
        byte[] seg = object(source, SEGMENTATION, "SEG", request.uids().segSeriesUid(),
                request.uids().segSopInstanceUid());
        if (segFailuresLeft.getAndDecrement() > 0) {
            seg = new byte[] {1, 2, 3}; // not DICOM: the worker fails after the SR is stored
        }
        return new DerivedObjects(sr, seg);
    }

    private static byte[] object(DicomInstance source, String sopClass, String modality, String series, String sop)
            throws Exception {
        AttributeList list = new AttributeList();
        AttributeList from = source.attributeList();
        for (AttributeTag tag : new AttributeTag[] {TagFromName.PatientID, TagFromName.PatientName,
                TagFromName.StudyInstanceUID, TagFromName.StudyDate, TagFromName.StudyID,
                TagFromName.FrameOfReferenceUID}) {
            Attribute attribute = from.get(tag);
            if (attribute != null) {
                list.put(attribute);
            }
        }
        put(list, TagFromName.SOPClassUID, sopClass);
        put(list, TagFromName.SOPInstanceUID, sop);
        put(list, TagFromName.SeriesInstanceUID, series);
        put(list, TagFromName.Modality, modality);
        put(list, TagFromName.SeriesNumber, "901");
        put(list, TagFromName.InstanceNumber, "1");
        FileMetaInformation.addFileMetaInformation(list, TransferSyntax.ExplicitVRLittleEndian, "VIGIE_TEST");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        list.write(out, TransferSyntax.ExplicitVRLittleEndian, true, true);
        return out.toByteArray();
    }

    private static void put(AttributeList list, AttributeTag tag, String value) throws Exception {
        Attribute attribute = AttributeFactory.newAttribute(tag);
        attribute.addValue(value);
        list.put(attribute);
    }
}
