package io.vigie.anonymizer;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeFactory;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.SequenceItem;
import com.pixelmed.dicom.ValueRepresentation;
import io.vigie.dicom.DicomInstance;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * De-identifies one instance in place: identifying attributes removed or emptied at every depth, private and
 * overlay/curve groups removed, patient identity replaced by a keyed pseudonym, every non-standard UID remapped, every
 * date moved back by the patient's own shift (so intervals between studies survive).
 *
 * <p>This is the foundation's reduced profile; the full PS3.15 Annex E table, its options and the vault come with
 * the anonymizer issue and will replace the two keyword lists below with data.
 */
public final class Deidentifier {

    /** DICOM's own UIDs (SOP classes, transfer syntaxes, coding schemes it defines) identify nobody. */
    private static final String DICOM_UID_PREFIX = "1.2.840.10008.";

    private static final DateTimeFormatter DA = DateTimeFormatter.BASIC_ISO_DATE;

    static final String METHOD = "Vigie foundation profile: keyed pseudonyms (HMAC-SHA256), UIDs remapped, "
            + "dates shifted per patient, identifying attributes removed";

    /** Basic profile "X" actions kept by the foundation (removed at every depth). */
    private static final Set<AttributeTag> REMOVED = tags(
            "OtherPatientIDs", "OtherPatientNames", "OtherPatientIDsSequence", "PatientBirthName",
            "PatientMotherBirthName", "PatientAddress", "PatientTelephoneNumbers", "MedicalRecordLocator",
            "PatientComments", "AdditionalPatientHistory", "PatientBirthTime", "IssuerOfPatientID",
            "MilitaryRank", "BranchOfService", "Occupation", "CountryOfResidence", "RegionOfResidence",
            "PatientReligiousPreference", "PatientInsurancePlanCodeSequence", "EthnicGroup",
            "InstitutionName", "InstitutionAddress", "InstitutionalDepartmentName", "StationName",
            "DeviceSerialNumber", "ReferringPhysicianAddress", "ReferringPhysicianTelephoneNumbers",
            "ReferringPhysicianIdentificationSequence", "PhysiciansOfRecord",
            "PhysiciansOfRecordIdentificationSequence", "PerformingPhysicianName",
            "PerformingPhysicianIdentificationSequence", "NameOfPhysiciansReadingStudy",
            "PhysiciansReadingStudyIdentificationSequence", "OperatorsName", "OperatorIdentificationSequence",
            "RequestingPhysician", "RequestingService", "RequestAttributesSequence", "PerformedProcedureStepID",
            "ScheduledProcedureStepID", "RequestedProcedureID", "AdmissionID", "ReferencedPatientSequence",
            "ImageComments", "ResponsibleOrganization", "ResponsiblePerson");

    /** Basic profile "Z" actions: kept present (some IODs require them) but emptied. */
    private static final Set<AttributeTag> EMPTIED = tags(
            "PatientBirthDate", "ReferringPhysicianName", "AccessionNumber", "StudyID", "ContentCreatorName");

    private final Pseudonyms pseudonyms;

    public Deidentifier(Pseudonyms pseudonyms) {
        this.pseudonyms = pseudonyms;
    }

    /**
     * De-identifies the instance in place.
     *
     * @throws DeidentificationException if any attribute cannot be rewritten; the instance must then be discarded
     */
    public void deidentify(DicomInstance instance) throws DeidentificationException {
        AttributeList list = instance.attributeList();
        String originalPatientId = instance.string("PatientID");
        // Without a PatientID each study stands for its own pseudonymous patient rather than merging strangers.
        String patientKey = originalPatientId.isEmpty()
                ? "no-patient-id:" + instance.string("StudyInstanceUID") : originalPatientId;
        int shiftDays = pseudonyms.dateShiftDays(patientKey);
        try {
            clean(list, shiftDays);
            String pseudonym = pseudonyms.patientId(patientKey);
            put(list, "PatientID", pseudonym);
            put(list, "PatientName", pseudonym);
            put(list, "PatientIdentityRemoved", "YES");
            put(list, "DeidentificationMethod", METHOD);
            put(list, "LongitudinalTemporalInformationModified", "MODIFIED");
        } catch (DicomException | RuntimeException e) {
            throw new DeidentificationException("cannot de-identify " + instance.string("SOPInstanceUID") + ": "
                    + e.getMessage(), e);
        }
    }

    private void clean(AttributeList list, int shiftDays) throws DicomException {
        for (AttributeTag tag : new ArrayList<>(list.keySet())) {
            Attribute attribute = list.get(tag);
            byte[] vr = attribute.getVR();
            if (tag.isPrivate() || isOverlayOrCurve(tag) || REMOVED.contains(tag)) {
                list.remove(tag);
            } else if (EMPTIED.contains(tag)) {
                list.put(AttributeFactory.newAttribute(tag));
            } else if (ValueRepresentation.isSequenceVR(vr)) {
                Iterator<SequenceItem> items = ((SequenceAttribute) attribute).iterator();
                while (items.hasNext()) {
                    clean(items.next().getAttributeList(), shiftDays);
                }
            } else if (ValueRepresentation.isUniqueIdentifierVR(vr)) {
                replaceValues(list, tag, Stream.of(values(attribute)).map(this::remapUid).toList());
            } else if (ValueRepresentation.isDateVR(vr)) {
                replaceValues(list, tag, Stream.of(values(attribute)).map(d -> shiftDate(d, shiftDays)).toList());
            } else if (ValueRepresentation.isDateTimeVR(vr)) {
                replaceValues(list, tag, Stream.of(values(attribute)).map(d -> shiftDateTime(d, shiftDays)).toList());
            }
        }
    }

    private String remapUid(String uid) {
        return uid.isEmpty() || uid.startsWith(DICOM_UID_PREFIX) ? uid : pseudonyms.uid(uid);
    }

    /** A date we cannot read is dropped: keeping it could keep a real date. */
    private String shiftDate(String date, int days) {
        try {
            return date.isEmpty() ? date : pseudonyms.shift(LocalDate.parse(date, DA), days).format(DA);
        } catch (DateTimeParseException e) {
            return "";
        }
    }

    private String shiftDateTime(String dateTime, int days) {
        if (dateTime.length() < 8) {
            return "";
        }
        String date = shiftDate(dateTime.substring(0, 8), days);
        return date.isEmpty() ? "" : date + dateTime.substring(8);
    }

    private static boolean isOverlayOrCurve(AttributeTag tag) {
        int group = tag.getGroup();
        return (group & 0xFF00) == 0x6000 || (group & 0xFF00) == 0x5000;
    }

    private static String[] values(Attribute attribute) throws DicomException {
        String[] values = attribute.getStringValues();
        return values == null ? new String[0] : values;
    }

    private static void replaceValues(AttributeList list, AttributeTag tag, List<String> values)
            throws DicomException {
        Attribute replacement = AttributeFactory.newAttribute(tag, list.get(tag).getVR());
        for (String value : values) {
            replacement.addValue(value.trim());
        }
        list.put(replacement);
    }

    private static void put(AttributeList list, String keyword, String value) throws DicomException {
        Attribute attribute = AttributeFactory.newAttribute(DicomInstance.tag(keyword));
        attribute.addValue(value);
        list.put(attribute);
    }

    private static Set<AttributeTag> tags(String... keywords) {
        return Stream.of(keywords).map(DicomInstance::tag).collect(Collectors.toUnmodifiableSet());
    }
}
