package io.vigie.dicomweb;

import io.vigie.archive.query.IndexedAttribute;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The tag and VR under which QIDO-RS names each attribute the index holds (PS3.18 F.2: keys are tags). */
enum QidoAttribute {
    PATIENT_ID(IndexedAttribute.PATIENT_ID, "00100020", "LO"),
    PATIENT_NAME(IndexedAttribute.PATIENT_NAME, "00100010", "PN"),
    PATIENT_SEX(IndexedAttribute.PATIENT_SEX, "00100040", "CS"),
    NUMBER_OF_PATIENT_RELATED_STUDIES(IndexedAttribute.NUMBER_OF_PATIENT_RELATED_STUDIES, "00201200", "IS"),
    NUMBER_OF_PATIENT_RELATED_SERIES(IndexedAttribute.NUMBER_OF_PATIENT_RELATED_SERIES, "00201202", "IS"),
    NUMBER_OF_PATIENT_RELATED_INSTANCES(IndexedAttribute.NUMBER_OF_PATIENT_RELATED_INSTANCES, "00201204", "IS"),
    STUDY_INSTANCE_UID(IndexedAttribute.STUDY_INSTANCE_UID, "0020000D", "UI"),
    STUDY_DATE(IndexedAttribute.STUDY_DATE, "00080020", "DA"),
    STUDY_TIME(IndexedAttribute.STUDY_TIME, "00080030", "TM"),
    ACCESSION_NUMBER(IndexedAttribute.ACCESSION_NUMBER, "00080050", "SH"),
    STUDY_ID(IndexedAttribute.STUDY_ID, "00200010", "SH"),
    STUDY_DESCRIPTION(IndexedAttribute.STUDY_DESCRIPTION, "00081030", "LO"),
    MODALITIES_IN_STUDY(IndexedAttribute.MODALITIES_IN_STUDY, "00080061", "CS"),
    NUMBER_OF_STUDY_RELATED_SERIES(IndexedAttribute.NUMBER_OF_STUDY_RELATED_SERIES, "00201206", "IS"),
    NUMBER_OF_STUDY_RELATED_INSTANCES(IndexedAttribute.NUMBER_OF_STUDY_RELATED_INSTANCES, "00201208", "IS"),
    SERIES_INSTANCE_UID(IndexedAttribute.SERIES_INSTANCE_UID, "0020000E", "UI"),
    MODALITY(IndexedAttribute.MODALITY, "00080060", "CS"),
    SERIES_NUMBER(IndexedAttribute.SERIES_NUMBER, "00200011", "IS"),
    SERIES_DESCRIPTION(IndexedAttribute.SERIES_DESCRIPTION, "0008103E", "LO"),
    NUMBER_OF_SERIES_RELATED_INSTANCES(IndexedAttribute.NUMBER_OF_SERIES_RELATED_INSTANCES, "00201209", "IS"),
    SOP_INSTANCE_UID(IndexedAttribute.SOP_INSTANCE_UID, "00080018", "UI"),
    SOP_CLASS_UID(IndexedAttribute.SOP_CLASS_UID, "00080016", "UI"),
    INSTANCE_NUMBER(IndexedAttribute.INSTANCE_NUMBER, "00200013", "IS");

    private final IndexedAttribute indexed;
    private final String tag;
    private final String vr;

    QidoAttribute(IndexedAttribute indexed, String tag, String vr) {
        this.indexed = indexed;
        this.tag = tag;
        this.vr = vr;
    }

    IndexedAttribute indexed() {
        return indexed;
    }

    String tag() {
        return tag;
    }

    String vr() {
        return vr;
    }

    static QidoAttribute of(IndexedAttribute indexed) {
        return Arrays.stream(values()).filter(a -> a.indexed == indexed).findFirst().orElseThrow();
    }

    /** The attribute a query parameter names, by keyword ({@code PatientID}) or by tag ({@code 00100020}). */
    static Optional<QidoAttribute> named(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(a -> a.tag.equals(upper) || a.indexed.keyword().equals(name))
                .findFirst();
    }
}
