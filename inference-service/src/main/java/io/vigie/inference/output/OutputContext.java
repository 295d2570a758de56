package io.vigie.inference.output;

import io.vigie.dicom.DataSetBuilder;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * What the SR and the SEG of one analysis share: when they were made, the UIDs they are written under (each its own
 * new series in the source's study), and the patient, study and SOP Common attributes every new instance takes.
 */
record OutputContext(UidGenerator uids, ZonedDateTime created, String reportSeriesUid, String reportSopUid,
        String segmentationSeriesUid, String segmentationSopUid) {

    static final String MANUFACTURER = "Vigie";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmss");

    static OutputContext create(UidGenerator uids, ZonedDateTime created) {
        return new OutputContext(uids, created, uids.next(), uids.next(), uids.next(), uids.next());
    }

    /**
     * Patient and study (copied: the source is already de-identified, and the outputs must file under the same
     * pseudonymous patient and study), a new series, General Equipment, content date and time, SOP Common.
     */
    void commonModules(DataSetBuilder target, SourceSeries source, String sopClassUid, String seriesUid,
            String sopInstanceUid, String modality, int seriesNumber, String seriesDescription) {
        target.copyIfPresent(source.header(), "SpecificCharacterSet")
                .copyOrEmpty(source.header(), "PatientName", "PatientID", "PatientBirthDate", "PatientSex")
                .copyIfPresent(source.header(), "PatientAge", "PatientIdentityRemoved", "DeidentificationMethod",
                        "DeidentificationMethodCodeSequence", "LongitudinalTemporalInformationModified")
                .set("StudyInstanceUID", source.studyInstanceUid())
                .copyOrEmpty(source.header(), "StudyDate", "StudyTime", "ReferringPhysicianName", "StudyID",
                        "AccessionNumber")
                .copyIfPresent(source.header(), "StudyDescription")
                // Patient Study: what the CT holds at study level stays the same across the study's instances.
                .copyIfPresent(source.header(), "PatientSize", "PatientWeight", "LastMenstrualDate",
                        "PregnancyStatus")
                .set("Modality", modality)
                .set("SeriesInstanceUID", seriesUid)
                .numbers("SeriesNumber", seriesNumber)
                .set("SeriesDescription", seriesDescription)
                .set("Manufacturer", MANUFACTURER)
                .numbers("InstanceNumber", 1)
                .set("ContentDate", created.format(DATE))
                .set("ContentTime", created.format(TIME))
                .set("InstanceCreationDate", created.format(DATE))
                .set("InstanceCreationTime", created.format(TIME))
                .set("SOPClassUID", sopClassUid)
                .set("SOPInstanceUID", sopInstanceUid);
    }
}
