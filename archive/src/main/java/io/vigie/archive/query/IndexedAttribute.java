package io.vigie.archive.query;

import java.util.Arrays;
import java.util.Optional;

/**
 * An attribute the archive index holds or computes, named by its DICOM keyword, at the level it describes. Queries
 * match on these and return them; anything else about an instance is only in its file.
 */
public enum IndexedAttribute {
    PATIENT_ID("PatientID", QueryLevel.PATIENT, Kind.TEXT),
    PATIENT_NAME("PatientName", QueryLevel.PATIENT, Kind.PERSON_NAME),
    PATIENT_SEX("PatientSex", QueryLevel.PATIENT, Kind.TEXT),
    NUMBER_OF_PATIENT_RELATED_STUDIES("NumberOfPatientRelatedStudies", QueryLevel.PATIENT, Kind.COUNT),
    NUMBER_OF_PATIENT_RELATED_SERIES("NumberOfPatientRelatedSeries", QueryLevel.PATIENT, Kind.COUNT),
    NUMBER_OF_PATIENT_RELATED_INSTANCES("NumberOfPatientRelatedInstances", QueryLevel.PATIENT, Kind.COUNT),

    STUDY_INSTANCE_UID("StudyInstanceUID", QueryLevel.STUDY, Kind.UID),
    STUDY_DATE("StudyDate", QueryLevel.STUDY, Kind.DATE),
    STUDY_TIME("StudyTime", QueryLevel.STUDY, Kind.TIME),
    ACCESSION_NUMBER("AccessionNumber", QueryLevel.STUDY, Kind.TEXT),
    STUDY_ID("StudyID", QueryLevel.STUDY, Kind.TEXT),
    STUDY_DESCRIPTION("StudyDescription", QueryLevel.STUDY, Kind.TEXT),
    MODALITIES_IN_STUDY("ModalitiesInStudy", QueryLevel.STUDY, Kind.CODE_SET),
    NUMBER_OF_STUDY_RELATED_SERIES("NumberOfStudyRelatedSeries", QueryLevel.STUDY, Kind.COUNT),
    NUMBER_OF_STUDY_RELATED_INSTANCES("NumberOfStudyRelatedInstances", QueryLevel.STUDY, Kind.COUNT),

    SERIES_INSTANCE_UID("SeriesInstanceUID", QueryLevel.SERIES, Kind.UID),
    MODALITY("Modality", QueryLevel.SERIES, Kind.TEXT),
    SERIES_NUMBER("SeriesNumber", QueryLevel.SERIES, Kind.INTEGER),
    SERIES_DESCRIPTION("SeriesDescription", QueryLevel.SERIES, Kind.TEXT),
    NUMBER_OF_SERIES_RELATED_INSTANCES("NumberOfSeriesRelatedInstances", QueryLevel.SERIES, Kind.COUNT),

    SOP_INSTANCE_UID("SOPInstanceUID", QueryLevel.IMAGE, Kind.UID),
    SOP_CLASS_UID("SOPClassUID", QueryLevel.IMAGE, Kind.UID),
    INSTANCE_NUMBER("InstanceNumber", QueryLevel.IMAGE, Kind.INTEGER);

    /** How values of an attribute are held, which decides how they can be matched. */
    public enum Kind {
        /** A string matched exactly or with wildcards, case-sensitively. */
        TEXT,
        /** A person name: like text, but matched without regard to case. */
        PERSON_NAME,
        /** A UID: matched exactly or against a list. */
        UID,
        /** A date ({@link java.time.LocalDate}): matched exactly or by range. */
        DATE,
        /** A time, HHMMSS with up to 6 digits: matched exactly or by range. */
        TIME,
        /** An integer: matched exactly. */
        INTEGER,
        /** The set of codes of the entities below (ModalitiesInStudy): matches when any of them matches. */
        CODE_SET,
        /** A count computed from the entities below: returned, never matched. */
        COUNT
    }

    private final String keyword;
    private final QueryLevel level;
    private final Kind kind;

    IndexedAttribute(String keyword, QueryLevel level, Kind kind) {
        this.keyword = keyword;
        this.level = level;
        this.kind = kind;
    }

    public String keyword() {
        return keyword;
    }

    public QueryLevel level() {
        return level;
    }

    public Kind kind() {
        return kind;
    }

    public static Optional<IndexedAttribute> byKeyword(String keyword) {
        return Arrays.stream(values()).filter(a -> a.keyword.equals(keyword)).findFirst();
    }

    /** The attribute that identifies an entity of {@code level}. */
    public static IndexedAttribute uniqueKey(QueryLevel level) {
        return switch (level) {
            case PATIENT -> PATIENT_ID;
            case STUDY -> STUDY_INSTANCE_UID;
            case SERIES -> SERIES_INSTANCE_UID;
            case IMAGE -> SOP_INSTANCE_UID;
        };
    }
}
