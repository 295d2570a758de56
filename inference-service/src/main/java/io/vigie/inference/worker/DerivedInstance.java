package io.vigie.inference.worker;

import io.vigie.archive.InstanceAttributes;
import io.vigie.dicom.DicomInstance;
import io.vigie.dicom.MalformedDicomException;
import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * An SR or SEG about to be stored: its Part 10 bytes and what the archive indexes about it, read from the bytes
 * themselves, checked against what the worker expects (the UIDs it chose, the analysed study) so that a writer's
 * mistake fails the job rather than filing an object under the wrong study.
 */
record DerivedInstance(InstanceAttributes attributes, byte[] part10) {

    /**
     * @param what           "SR" or "SEG", for the messages
     * @param expectedModality the Modality it must have (SR, SEG): never one the series monitor makes a job for
     */
    static DerivedInstance of(byte[] part10, String what, String expectedStudyUid, String sourceSeriesUid,
            String expectedModality) {
        DicomInstance instance;
        try {
            instance = DicomInstance.readPart10(new ByteArrayInputStream(part10));
        } catch (MalformedDicomException e) {
            throw new IllegalStateException("the " + what + " made by the writer does not parse: " + e.getMessage(),
                    e);
        }
        expect(instance, what, "StudyInstanceUID", expectedStudyUid);
        expect(instance, what, "Modality", expectedModality);
        if (instance.string("SeriesInstanceUID").equals(sourceSeriesUid)) {
            throw new IllegalStateException("the " + what + " is in the analysed series itself");
        }
        return new DerivedInstance(attributesOf(instance), part10);
    }

    /** What the archive indexes about an instance, read from its own attributes. */
    static InstanceAttributes attributesOf(DicomInstance instance) {
        return new InstanceAttributes(
                instance.string("PatientID"), emptyToNull(instance.string("PatientName")),
                emptyToNull(instance.string("PatientSex")), instance.string("StudyInstanceUID"),
                date(instance.string("StudyDate")), emptyToNull(instance.string("StudyTime")),
                emptyToNull(instance.string("AccessionNumber")), emptyToNull(instance.string("StudyID")),
                emptyToNull(instance.string("StudyDescription")), instance.string("SeriesInstanceUID"),
                emptyToNull(instance.string("Modality")), instance.integer("SeriesNumber"),
                emptyToNull(instance.string("SeriesDescription")), instance.string("SOPClassUID"),
                instance.string("SOPInstanceUID"), instance.integer("InstanceNumber"), instance.transferSyntaxUid());
    }

    private static void expect(DicomInstance instance, String what, String keyword, String expected) {
        String actual = instance.string(keyword);
        if (!expected.equals(actual)) {
            throw new IllegalStateException("the " + what + " has " + keyword + " " + actual + ", expected "
                    + expected);
        }
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static LocalDate date(String da) {
        try {
            return da == null || da.isEmpty() ? null : LocalDate.parse(da, DateTimeFormatter.BASIC_ISO_DATE);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
