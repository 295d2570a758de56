package io.vigie.anonymizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.ValueRepresentation;
import io.vigie.dicom.DicomInstance;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The profile's options, the burned-in text rule and what an instance records, on instances built in code. */
class DeidentifierOptionsTest {

    private static final String CT = "1.2.840.10008.5.1.4.1.1.2";
    private static final String US = "1.2.840.10008.5.1.4.1.1.6.1";
    private static final DateTimeFormatter DA = DateTimeFormatter.BASIC_ISO_DATE;

    private final Pseudonyms pseudonyms = new Pseudonyms(new SiteSecret(filled('s')), "2.25");

    @Test
    void twoStudiesOfOnePatientKeepTheirIntervalAndPatientsGetDifferentShifts() throws Exception {
        Deidentifier deidentifier = new Deidentifier(pseudonyms, DeidentificationProfile.research());
        DicomInstance first = TestInstances.of(CT, "CT").put("StudyDate", "20240115").build();
        DicomInstance followUp = TestInstances.of(CT, "CT").put("StudyDate", "20240421")
                .put("StudyInstanceUID", "1.2.826.0.1.3680043.9.7777.2.2").build();
        DicomInstance otherPatient = TestInstances.of(CT, "CT").put("PatientID", "PAT-0043")
                .put("StudyDate", "20240115").build();
        assertThat(ChronoUnit.DAYS.between(LocalDate.of(2024, 1, 15), LocalDate.of(2024, 4, 21))).isEqualTo(97);

        deidentifier.deidentify(first);
        deidentifier.deidentify(followUp);
        deidentifier.deidentify(otherPatient);

        LocalDate firstDate = LocalDate.parse(first.string("StudyDate"), DA);
        LocalDate followUpDate = LocalDate.parse(followUp.string("StudyDate"), DA);
        assertThat(firstDate).isNotEqualTo(LocalDate.of(2024, 1, 15));
        assertThat(ChronoUnit.DAYS.between(firstDate, followUpDate)).isEqualTo(97);
        assertThat(first.string("PatientID")).isEqualTo(followUp.string("PatientID"));
        assertThat(otherPatient.string("StudyDate")).isNotEqualTo(first.string("StudyDate"));
        assertThat(first.string("LongitudinalTemporalInformationModified")).isEqualTo("MODIFIED");
    }

    @Test
    void theBasicProfileEmptiesDatesAndDropsDescriptions() throws Exception {
        DicomInstance instance = TestInstances.of(CT, "CT").put("StudyDescription", "CT THORAX Dupont")
                .put("PatientSex", "F").put("PatientAge", "067Y").build();
        new Deidentifier(pseudonyms, DeidentificationProfile.basic()).deidentify(instance);
        assertThat(instance.string("StudyDate")).isEmpty();
        assertThat(instance.string("StudyDescription")).isEmpty();
        assertThat(instance.string("PatientSex")).isEmpty();
        assertThat(instance.string("PatientAge")).isEmpty();
        assertThat(instance.string("LongitudinalTemporalInformationModified")).isEqualTo("REMOVED");
    }

    @Test
    void theResearchProfileCleansDescriptionsAndKeepsPatientCharacteristics() throws Exception {
        DicomInstance instance = TestInstances.of(CT, "CT").put("StudyDescription", "CT THORAX Dupont")
                .put("PatientSex", "F").put("PatientAge", "067Y").build();
        new Deidentifier(pseudonyms, DeidentificationProfile.research()).deidentify(instance);
        assertThat(instance.string("StudyDescription")).isEqualTo("CT THORAX");
        assertThat(instance.string("PatientSex")).isEqualTo("F");
        assertThat(instance.string("PatientAge")).isEqualTo("067Y");
    }

    @Test
    void recordsTheProfileAndEveryOptionApplied() throws Exception {
        DicomInstance instance = TestInstances.of(CT, "CT").build();
        new Deidentifier(pseudonyms, DeidentificationProfile.research()).deidentify(instance);
        assertThat(instance.string("PatientIdentityRemoved")).isEqualTo("YES");
        assertThat(instance.strings("DeidentificationMethod")).contains("Vigie profile research");
        SequenceAttribute codes = (SequenceAttribute) instance.attributeList()
                .get(DicomInstance.tag("DeidentificationMethodCodeSequence"));
        List<String> values = codeValues(codes);
        assertThat(values).containsExactlyInAnyOrder("113100", "113107", "113108", "113105");
    }

    @Test
    void identifiersAreRemovedInsideSequencesTheTableDoesNotList() throws Exception {
        DicomInstance instance = TestInstances.of(CT, "CT")
                .sequence("AnatomicRegionSequence", "CodeValue", "T-D3000", "CodingSchemeDesignator", "SRT",
                        "CodeMeaning", "Chest", "PatientName", "Martin^Jeanne", "InstitutionName", "CHU Nantes")
                .build();
        Deidentified result = new Deidentifier(pseudonyms, DeidentificationProfile.research()).deidentify(instance);
        AttributeList item = ((SequenceAttribute) instance.attributeList()
                .get(DicomInstance.tag("AnatomicRegionSequence"))).getItem(0).getAttributeList();
        assertThat(item.get(DicomInstance.tag("CodeMeaning")).getSingleStringValueOrEmptyString()).isEqualTo("Chest");
        assertThat(item.get(DicomInstance.tag("PatientName")).getSingleStringValueOrEmptyString()).isEmpty();
        assertThat(item.get(DicomInstance.tag("InstitutionName")).getSingleStringValueOrEmptyString())
                .isEqualTo("ANONYMIZED");
        assertThat(result.originalPatientId()).isEqualTo("PAT-0042");
        assertThat(result.originalPatientName()).isEqualTo("Martin^Jeanne");
        assertThat(result.pseudonym()).isEqualTo(instance.string("PatientID")).startsWith("VG");
        assertThat(result.toString()).doesNotContain("PAT-0042", "Martin");
    }

    @Test
    void privateAttributesGoUnlessListedAsSafe() throws Exception {
        AttributeTag creator = new AttributeTag(0x0043, 0x0010);
        AttributeTag safe = new AttributeTag(0x0043, 0x1039);
        AttributeTag unsafe = new AttributeTag(0x0043, 0x1040);
        TestInstances builder = TestInstances.of(CT, "CT").put(creator, ValueRepresentation.LO, "GEMS_PARM_01")
                .put(safe, ValueRepresentation.LO, "3.5").put(unsafe, ValueRepresentation.LO, "Martin");
        DicomInstance removed = builder.build();
        new Deidentifier(pseudonyms, DeidentificationProfile.research()).deidentify(removed);
        assertThat(removed.attributeList().get(creator)).isNull();
        assertThat(removed.attributeList().get(safe)).isNull();

        DeidentificationProfile retainSafe = new DeidentificationProfile("safe",
                EnumSet.of(ProfileOption.RETAIN_SAFE_PRIVATE),
                List.of(SafePrivateAttribute.of("GEMS_PARM_01", "(0043,xx39)")), List.of(), Set.of());
        DicomInstance kept = builder.build();
        new Deidentifier(pseudonyms, retainSafe).deidentify(kept);
        assertThat(kept.attributeList().get(creator).getSingleStringValueOrEmptyString()).isEqualTo("GEMS_PARM_01");
        assertThat(kept.attributeList().get(safe).getSingleStringValueOrEmptyString()).isEqualTo("3.5");
        assertThat(kept.attributeList().get(unsafe)).isNull();
    }

    @Test
    void ultrasoundWithoutACleanPixelRuleIsQuarantined() throws Exception {
        DicomInstance instance = TestInstances.of(US, "US").put("Manufacturer", "ACME")
                .put("ManufacturerModelName", "Sono 5").pixels(4, 6, 200).build();
        assertThatThrownBy(() -> new Deidentifier(pseudonyms, DeidentificationProfile.research())
                .deidentify(instance)).isInstanceOf(QuarantineException.class)
                .hasMessageContaining("modality US").hasMessageContaining("ACME");
        assertThat(instance.string("PatientID")).as("left as received for the quarantine").isEqualTo("PAT-0042");

        DicomInstance burnedCt = TestInstances.of(CT, "CT").put("BurnedInAnnotation", "YES").pixels(4, 6, 9)
                .build();
        assertThatThrownBy(() -> new Deidentifier(pseudonyms, DeidentificationProfile.research())
                .deidentify(burnedCt)).isInstanceOf(QuarantineException.class)
                .hasMessageContaining("BurnedInAnnotation");
    }

    @Test
    void aCleanPixelRuleBlanksItsRegionsAndNothingElse() throws Exception {
        DeidentificationProfile profile = new DeidentificationProfile("us", DeidentificationProfile.research()
                .options(), List.of(), List.of(new CleanPixelRule("ACME", "Sono 5", 4, 6,
                List.of(new CleanPixelRule.Region(0, 0, 6, 1), new CleanPixelRule.Region(4, 2, 2, 2)))), Set.of());
        DicomInstance instance = TestInstances.of(US, "US").put("Manufacturer", "acme")
                .put("ManufacturerModelName", "Sono 5").pixels(4, 6, 200).build();
        new Deidentifier(pseudonyms, profile).deidentify(instance);

        byte[] pixels = Arrays.copyOf(instance.bytes("PixelData"), 24);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 6; x++) {
                boolean blanked = y == 0 || (x >= 4 && y >= 2);
                assertThat(pixels[y * 6 + x] & 0xFF).as("pixel %d,%d", x, y).isEqualTo(blanked ? 0 : 200);
            }
        }
        assertThat(instance.string("BurnedInAnnotation")).isEqualTo("NO");
        assertThat(codeValues((SequenceAttribute) instance.attributeList()
                .get(DicomInstance.tag("DeidentificationMethodCodeSequence")))).contains("113101");
    }

    private static List<String> codeValues(SequenceAttribute codes) {
        List<String> values = new java.util.ArrayList<>();
        for (int i = 0; i < codes.getNumberOfItems(); i++) {
            values.add(codes.getItem(i).getAttributeList().get(DicomInstance.tag("CodeValue"))
                    .getSingleStringValueOrEmptyString());
        }
        return values;
    }

    private static byte[] filled(char fill) {
        byte[] secret = new byte[32];
        Arrays.fill(secret, (byte) fill);
        return secret;
    }
}
