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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test stand-in for the SR/SEG writer (the real TID 1500 and Segmentation writers are io.vigie.inference.output):
 * real Part 10 files with the patient and study of the analysed series and the UIDs the worker chose, holding no
 * report content. It lets the worker's tests check what the worker owns (UIDs, storing, ordering, retries) without
 * depending on the content of the report. Its UIDs come from the request's seed, as the real writer's must.
 * {@link #failSegOnce} makes the first SEG unreadable: a writer that fails halfway.
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

    /** The UIDs it gives the analysis {@code seed}, named as in {@link DeterministicUids#uid}. */
    static String uid(String seed, String name) {
        return DeterministicUids.uid(seed, name);
    }

    @Override
    public DerivedObjects write(DerivedObjectRequest request) throws Exception {
        calls.incrementAndGet();
        DicomInstance source = request.sources().get(0);
        String seed = request.uidSeed();
        List<String> trackingUids = new ArrayList<>();
        List<String> trackingIds = new ArrayList<>();
        for (int i = 0; i < request.lesions().size(); i++) {
            trackingUids.add(uid(seed, "finding-" + i));
            trackingIds.add("Nodule " + (i + 1));
        }
        byte[] sr = object(source, COMPREHENSIVE_3D_SR, "SR", uid(seed, "sr-series"), uid(seed, "sr-instance"));
        if (request.lesions().isEmpty()) {
            return new DerivedObjects(sr, null, trackingUids, trackingIds);
        }
        byte[] seg = object(source, SEGMENTATION, "SEG", uid(seed, "seg-series"), uid(seed, "seg-instance"));
        if (segFailuresLeft.getAndDecrement() > 0) {
            seg = new byte[] {1, 2, 3}; // not DICOM: the worker fails before storing anything
        }
        return new DerivedObjects(sr, seg, trackingUids, trackingIds);
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
