package io.vigie.anonymizer;

import static org.assertj.core.api.Assertions.assertThat;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.SequenceAttribute;
import io.vigie.anonymizer.ConfidentialityTable.Row;
import io.vigie.dicom.DicomInstance;
import io.vigie.testing.PhiCanaryCorpus;
import io.vigie.testing.PhiCanaryCorpus.Canary;
import io.vigie.testing.PhiCanaryCorpus.CorpusFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The anonymizer's promise, checked on the PHI-canary corpus: after de-identification a byte-level scan of every
 * output finds none of the canaries planted in attributes the profile does not keep, and the attributes it keeps are
 * still there, unchanged.
 */
class LeakFreeTest {

    /** Attributes whose value Vigie itself writes: their input value is replaced on purpose. */
    private static final Set<String> WRITTEN_BY_VIGIE = Set.of("PatientID", "PatientName", "PatientIdentityRemoved",
            "DeidentificationMethod", "DeidentificationMethodCodeSequence", "LongitudinalTemporalInformationModified",
            "BurnedInAnnotation", "PixelData");
    private static final int CONTENT_SEQUENCE = 0x0040A730;
    /** Type 1C attributes removed with the attribute they depend on (companion -> anchor). */
    private static final Map<Integer, Integer> COMPANION_OF = Map.of(0x00102298, 0x00102297, 0x00120081, 0x00120082);
    private static final Set<String> TEXT_VRS = Set.of("AE", "LO", "LT", "PN", "SH", "ST", "UC", "UT");
    /** CodeValue, CodingSchemeDesignator, CodingSchemeVersion: kept in cleaned sequences. */
    private static final Set<Integer> CODE_VALUES = Set.of(0x00080100, 0x00080102, 0x00080103);

    @TempDir
    static Path folder;
    static PhiCanaryCorpus corpus;

    @BeforeAll
    static void writeCorpus() throws Exception {
        corpus = CanaryCorpusRun.writeCorpus(folder.resolve("in"));
    }

    static Stream<DeidentificationProfile> profiles() {
        return Stream.of(DeidentificationProfile.basic(), DeidentificationProfile.research(),
                new DeidentificationProfile("every-clean-option", EnumSet.of(ProfileOption.CLEAN_DESCRIPTORS,
                        ProfileOption.CLEAN_STRUCTURED_CONTENT, ProfileOption.CLEAN_GRAPHICS,
                        ProfileOption.RETAIN_LONGITUDINAL_MODIFIED_DATES), List.of(), List.of(), Set.of()),
                new DeidentificationProfile("retain-identities", EnumSet.of(ProfileOption.RETAIN_UIDS,
                        ProfileOption.RETAIN_DEVICE_IDENTITY, ProfileOption.RETAIN_INSTITUTION_IDENTITY,
                        ProfileOption.RETAIN_LONGITUDINAL_FULL_DATES), List.of(), List.of(), Set.of()));
    }

    @Test
    void theCorpusPlantsACanaryInEveryKindOfPlace() {
        assertThat(corpus.files()).extracting(CorpusFile::kind)
                .containsExactlyInAnyOrder(PhiCanaryCorpus.Kind.values());
        List<Canary> all = corpus.files().stream().flatMap(f -> f.canaries().stream()).toList();
        assertThat(all).hasSizeGreaterThan(1000);
        assertThat(all).anyMatch(c -> !c.sequencePath().isEmpty());
        assertThat(all).anyMatch(c -> (c.tag() >>> 16 & 1) == 1);
        assertThat(all).anyMatch(c -> (c.tag() >>> 16 & 0xFF00) == 0x6000);
        assertThat(all).anyMatch(c -> (c.tag() >>> 16 & 0xFF00) == 0x5000);
        assertThat(all).anyMatch(c -> c.sequencePath().contains(CONTENT_SEQUENCE));
    }

    @Test
    void ultrasoundIsQuarantinedWithoutACleanPixelRule() throws Exception {
        CanaryCorpusRun run = CanaryCorpusRun.deidentify(corpus, DeidentificationProfile.research(),
                folder.resolve("out-quarantine"));
        assertThat(run.quarantined.keySet()).extracting(p -> p.getFileName().toString()).containsExactly("us.dcm");
        assertThat(run.quarantined.values()).allMatch(reason -> reason.contains("burned-in text possible"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("profiles")
    void noCanaryOfAnAttributeTheProfileDoesNotKeepIsLeftInAnyOutputByte(DeidentificationProfile profile)
            throws Exception {
        DeidentificationProfile withRule = CanaryCorpusRun.withRuleForUltrasound(profile, corpus);
        CanaryCorpusRun run = CanaryCorpusRun.deidentify(corpus, withRule, folder.resolve("out-" + profile.name()));
        assertThat(run.quarantined).isEmpty();
        List<String> leaks = new ArrayList<>();
        List<String> lost = new ArrayList<>();
        int mustVanish = 0;
        for (CorpusFile file : corpus.files()) {
            String bytes = new String(Files.readAllBytes(run.outputs.get(file.path())), StandardCharsets.ISO_8859_1);
            for (Canary canary : file.canaries()) {
                boolean kept = profileKeeps(profile, canary);
                boolean found = bytes.contains(canary.text());
                mustVanish += kept ? 0 : 1;
                if (!kept && found) {
                    leaks.add(file.kind() + " " + describe(canary));
                } else if (kept && !found) {
                    lost.add(file.kind() + " " + describe(canary));
                }
            }
        }
        assertThat(mustVanish).as("canaries the profile must remove").isGreaterThan(1000);
        assertThat(leaks).as("canaries left in the output").isEmpty();
        assertThat(lost).as("canaries of attributes the profile keeps, lost").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("profiles")
    void everyAttributeTheProfileKeepsIsStillThereUnchanged(DeidentificationProfile profile) throws Exception {
        DeidentificationProfile withRule = CanaryCorpusRun.withRuleForUltrasound(profile, corpus);
        CanaryCorpusRun run = CanaryCorpusRun.deidentify(corpus, withRule, folder.resolve("keep-" + profile.name()));
        int compared = 0;
        for (Map.Entry<Path, Path> entry : run.outputs.entrySet()) {
            AttributeList input = CanaryCorpusRun.read(entry.getKey()).attributeList();
            AttributeList output = CanaryCorpusRun.read(entry.getValue()).attributeList();
            for (AttributeTag tag : input.keySet()) {
                if (!keptAsIs(profile, tag, input.get(tag))) {
                    continue;
                }
                Attribute before = input.get(tag);
                Attribute after = output.get(tag);
                assertThat(after).as(entry.getKey().getFileName() + " " + tag + " kept").isNotNull();
                if (before instanceof SequenceAttribute sequence) {
                    assertThat(((SequenceAttribute) after).getNumberOfItems()).as(tag + " items")
                            .isEqualTo(sequence.getNumberOfItems());
                } else if (!com.pixelmed.dicom.ValueRepresentation.isOtherByteOrWordVR(before.getVR())) {
                    assertThat(after.getDelimitedStringValuesOrEmptyString()).as(entry.getKey().getFileName()
                            + " " + tag).isEqualTo(before.getDelimitedStringValuesOrEmptyString());
                } else {
                    assertThat(after.getByteValues(false)).as(entry.getKey().getFileName() + " " + tag)
                            .isEqualTo(before.getByteValues(false));
                }
                compared++;
            }
        }
        assertThat(compared).as("kept attributes compared").isGreaterThan(60);
    }

    /**
     * Whether the profile keeps the canary's value, from the table and the documented rules (docs/deidentification.md)
     * alone. A sequence the profile removes or empties takes its content with it; inside a sequence it dummies,
     * every text value the table does not list is dummied; inside one it cleans, such text is cleaned (code values
     * kept). An attribute of the table is kept when its action is K, or C on a time. Private blocks and overlays
     * (whose bitmap is never kept) go; dates and UIDs outside the table go unless the profile retains them.
     */
    private static boolean profileKeeps(DeidentificationProfile profile, Canary canary) {
        int group = canary.tag() >>> 16;
        if ((group & 1) == 1 || (group & 0xFF00) == 0x6000) {
            return false;
        }
        Action inside = Action.KEEP;
        for (int sequence : canary.sequencePath()) {
            Row row = ConfidentialityTable.standard().rowFor(sequence);
            Action action = row == null ? Action.KEEP : profile.actionFor(row).resolveSequence(true);
            if (action == Action.REMOVE || action == Action.ZERO) {
                return false;
            }
            if (inside != Action.DUMMY && (action == Action.DUMMY || action == Action.CLEAN)) {
                inside = action;
            }
        }
        Integer anchor = COMPANION_OF.get(canary.tag());
        if (anchor != null && profile.actionFor(ConfidentialityTable.standard().rowFor(anchor)) != Action.KEEP) {
            return false;
        }
        Row row = ConfidentialityTable.standard().rowFor(canary.tag());
        String vr = canary.vr();
        if (row != null) {
            Action action = profile.actionFor(row);
            return action == Action.KEEP || action == Action.CLEAN && vr.equals("TM");
        }
        if (vr.equals("DA") || vr.equals("DT")) {
            return profile.has(ProfileOption.RETAIN_LONGITUDINAL_FULL_DATES);
        }
        if (vr.equals("UI")) {
            return profile.has(ProfileOption.RETAIN_UIDS);
        }
        if (TEXT_VRS.contains(vr) && inside != Action.KEEP) {
            return inside == Action.CLEAN && CODE_VALUES.contains(canary.tag());
        }
        return true;
    }

    /** A top-level attribute the profile keeps as it is: K, or not in the table and neither a date nor a UID. */
    private static boolean keptAsIs(DeidentificationProfile profile, AttributeTag tag, Attribute attribute) {
        String keyword = com.pixelmed.dicom.DicomDictionary.StandardDictionary.getNameFromTag(tag);
        if (tag.isPrivate() || tag.getGroup() == 0x0002 || tag.getElement() == 0
                || (tag.getGroup() & 0xFF00) == 0x6000 || (tag.getGroup() & 0xFF00) == 0x5000
                || WRITTEN_BY_VIGIE.contains(keyword)) {
            return false;
        }
        Integer anchor = COMPANION_OF.get(tag.getGroup() << 16 | tag.getElement());
        if (anchor != null && profile.actionFor(ConfidentialityTable.standard().rowFor(anchor)) != Action.KEEP) {
            return false;
        }
        Row row = ConfidentialityTable.standard().rowFor(tag.getGroup() << 16 | tag.getElement());
        if (row != null) {
            return profile.actionFor(row) == Action.KEEP && !(attribute instanceof SequenceAttribute);
        }
        String vr = new String(attribute.getVR(), StandardCharsets.US_ASCII);
        return !Set.of("DA", "DT", "UI").contains(vr) || keyword != null && keyword.contains("Class");
    }

    private static String describe(Canary canary) {
        StringBuilder path = new StringBuilder();
        for (int sequence : canary.sequencePath()) {
            path.append(String.format("(%04X,%04X)>", sequence >>> 16, sequence & 0xFFFF));
        }
        return path + String.format("(%04X,%04X) %s '%s'", canary.tag() >>> 16, canary.tag() & 0xFFFF, canary.vr(),
                canary.text());
    }

    static DicomInstance read(Path file) throws Exception {
        return CanaryCorpusRun.read(file);
    }
}
