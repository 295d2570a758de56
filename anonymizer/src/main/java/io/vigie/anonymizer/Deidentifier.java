package io.vigie.anonymizer;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeFactory;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SequenceAttribute;
import io.vigie.dicom.DicomInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * De-identifies one instance in place by a {@link DeidentificationProfile}: every attribute of PS3.15 Table E.1-1
 * gets the profile's action at every depth, private attributes go unless listed as safe, the patient becomes a
 * keyed pseudonym, UIDs are remapped with the site secret, dates move back by the patient's own shift, and the
 * instance records what was done (PatientIdentityRemoved, DeidentificationMethod and its code sequence).
 */
public final class Deidentifier {

    private final Pseudonyms pseudonyms;
    private final DeidentificationProfile profile;
    private final ConfidentialityTable table = ConfidentialityTable.standard();
    private final DescriptorCleaner descriptors;
    private final BurnedInText burnedInText;

    public Deidentifier(Pseudonyms pseudonyms, DeidentificationProfile profile) {
        this.pseudonyms = pseudonyms;
        this.profile = profile;
        this.descriptors = new DescriptorCleaner(profile.descriptorWords());
        this.burnedInText = new BurnedInText(profile.cleanPixelRules());
    }

    /**
     * De-identifies the instance in place.
     *
     * @return the pseudonyms written and the originals they replace, for the re-identification vault
     * @throws QuarantineException       if the instance cannot be made safe automatically (burned-in text)
     * @throws DeidentificationException if any attribute cannot be rewritten; the instance must then be discarded
     */
    public Deidentified deidentify(DicomInstance instance) throws DeidentificationException {
        String originalPatientId = instance.string("PatientID");
        String originalPatientName = instance.string("PatientName");
        String originalAccession = instance.string("AccessionNumber");
        Optional<CleanPixelRule> pixelRule = burnedInText.ruleFor(instance);
        // Without a PatientID each study stands for its own pseudonymous patient rather than merging strangers.
        String patientKey = originalPatientId.isEmpty()
                ? "no-patient-id:" + instance.string("StudyInstanceUID") : originalPatientId;
        // Attribute rewriting never touches Pixel Data: unless pixels are to be cleaned, pixel data kept as received
        // stays so (Table E.1-1 has no action on it, and the instance keeps it only when nothing follows it).
        AttributeList list = pixelRule.isPresent() ? instance.attributeList() : instance.attributesBeforePixelData();
        try {
            new AttributeRewriter(table, profile, pseudonyms, descriptors, pseudonyms.dateShiftDays(patientKey))
                    .rewrite(list);
            if (pixelRule.isPresent()) {
                PixelCleaner.blank(list, pixelRule.get());
                put(list, "BurnedInAnnotation", "NO");
            }
            String pseudonym = pseudonyms.patientId(patientKey);
            put(list, "PatientID", pseudonym);
            put(list, "PatientName", pseudonym);
            recordMethod(list, pixelRule.isPresent());
            return new Deidentified(pseudonym, instance.string("StudyInstanceUID"), originalPatientId,
                    originalPatientName, originalAccession);
        } catch (DicomException | RuntimeException e) {
            throw new DeidentificationException("cannot de-identify an instance of " + instance.string("SOPClassUID")
                    + ": " + e.getMessage(), e);
        }
    }

    /** PS3.15 E.1.1 and PS3.3 C.7.1.1: the instance says it was de-identified, how, and what became of dates. */
    private void recordMethod(AttributeList list, boolean pixelsCleaned) throws DicomException {
        put(list, "PatientIdentityRemoved", "YES");
        List<String[]> codes = new ArrayList<>();
        codes.add(new String[] {ProfileOption.BASIC_PROFILE_CODE, ProfileOption.BASIC_PROFILE_MEANING});
        if (pixelsCleaned) {
            codes.add(new String[] {ProfileOption.CLEAN_PIXEL_DATA_CODE, ProfileOption.CLEAN_PIXEL_DATA_MEANING});
        }
        for (ProfileOption option : ProfileOption.values()) {
            if (profile.has(option)) {
                codes.add(new String[] {option.code(), option.meaning()});
            }
        }
        Attribute method = AttributeFactory.newAttribute(DicomInstance.tag("DeidentificationMethod"));
        method.addValue("Vigie profile " + profile.name());
        method.addValue("PS3.15 Table E.1-1 with keyed HMAC-SHA256 pseudonyms");
        list.put(method);
        SequenceAttribute sequence = new SequenceAttribute(DicomInstance.tag("DeidentificationMethodCodeSequence"));
        for (String[] code : codes) {
            AttributeList item = new AttributeList();
            put(item, "CodeValue", code[0]);
            put(item, "CodingSchemeDesignator", "DCM");
            put(item, "CodeMeaning", code[1]);
            sequence.addItem(item);
        }
        list.put(sequence);
        put(list, "LongitudinalTemporalInformationModified",
                profile.has(ProfileOption.RETAIN_LONGITUDINAL_MODIFIED_DATES) ? "MODIFIED"
                        : profile.has(ProfileOption.RETAIN_LONGITUDINAL_FULL_DATES) ? "UNMODIFIED" : "REMOVED");
    }

    private static void put(AttributeList list, String keyword, String value) throws DicomException {
        Attribute attribute = AttributeFactory.newAttribute(DicomInstance.tag(keyword));
        attribute.addValue(value);
        list.put(attribute);
    }
}
