package io.vigie.anonymizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigie.dicom.DicomInstance;
import io.vigie.dicom.MalformedDicomException;
import io.vigie.testing.BrokenDicom;
import io.vigie.testing.SharedData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DeidentifierTest {

    private static final Path SLICE = SharedData.lidcSlices("LIDC-IDRI-0001").get(0);

    @Test
    void replacesIdentityAndUidsAndKeepsPixels() throws Exception {
        DicomInstance original = read(SLICE);
        DicomInstance result = deidentified(SLICE, secret('a'));

        assertThat(result.string("PatientID")).startsWith("VG").hasSize(18).isNotEqualTo(original.string("PatientID"));
        assertThat(result.string("PatientName")).isEqualTo(result.string("PatientID"));
        assertThat(result.string("PatientBirthDate")).isEmpty();
        assertThat(result.string("PatientIdentityRemoved")).isEqualTo("YES");
        for (String uid : new String[] {"StudyInstanceUID", "SeriesInstanceUID", "SOPInstanceUID",
                "FrameOfReferenceUID"}) {
            assertThat(result.string(uid)).as(uid).startsWith("2.25.").isNotEqualTo(original.string(uid));
            assertThat(result.string(uid).length()).isLessThanOrEqualTo(64);
        }
        assertThat(result.string("SOPClassUID")).isEqualTo(original.string("SOPClassUID"));
        assertThat(result.bytes("PixelData")).isEqualTo(original.bytes("PixelData"));

        // The output file holds none of the original identifiers, anywhere in its bytes.
        String bytes = new String(result.toPart10("TEST"), StandardCharsets.ISO_8859_1);
        assertThat(bytes).doesNotContain(original.string("PatientID"), original.string("StudyInstanceUID"),
                original.string("SOPInstanceUID"));
    }

    @Test
    void sameSecretSameOutputOtherSecretOtherPseudonyms() throws Exception {
        byte[] first = deidentified(SLICE, secret('a')).toPart10("TEST");
        byte[] again = deidentified(SLICE, secret('a')).toPart10("TEST");
        assertThat(again).isEqualTo(first);

        DicomInstance otherSite = deidentified(SLICE, secret('b'));
        DicomInstance site = readBytes(first);
        assertThat(otherSite.string("PatientID")).isNotEqualTo(site.string("PatientID"));
        assertThat(otherSite.string("StudyInstanceUID")).isNotEqualTo(site.string("StudyInstanceUID"));
    }

    @Test
    void shiftsEveryDateOfAPatientByTheSameDays() throws Exception {
        DicomInstance original = read(SLICE);
        DicomInstance result = deidentified(SLICE, secret('a'));
        DateTimeFormatter da = DateTimeFormatter.BASIC_ISO_DATE;
        long studyShift = ChronoUnit.DAYS.between(LocalDate.parse(result.string("StudyDate"), da),
                LocalDate.parse(original.string("StudyDate"), da));
        assertThat(studyShift).isBetween(1L, (long) Pseudonyms.MAX_DATE_SHIFT_DAYS);
        Pseudonyms pseudonyms = new Pseudonyms(new SiteSecret(secret('a')), "2.25");
        assertThat((int) studyShift).isEqualTo(pseudonyms.dateShiftDays(original.string("PatientID")));
        assertThat(pseudonyms.dateShiftDays("another patient")).isNotEqualTo((int) studyShift);
    }

    @Test
    void malformedInputIsATypedError() {
        assertThatThrownBy(() -> DicomInstance.readDataSet(BrokenDicom.truncated(SLICE), "1.2.840.10008.1.2.1"))
                .isInstanceOf(MalformedDicomException.class);
        assertThatThrownBy(() -> DicomInstance.readDataSet(BrokenDicom.elementLengthPastEnd(SLICE),
                "1.2.840.10008.1.2.1")).isInstanceOf(MalformedDicomException.class);
        assertThatThrownBy(() -> DicomInstance.readDataSet(BrokenDicom.badVr(SLICE), "1.2.840.10008.1.2.1"))
                .isInstanceOf(MalformedDicomException.class).hasMessageContaining("unreadable");
        assertThatThrownBy(() -> DicomInstance.readDataSet(BrokenDicom.sequenceWithWrongLength(SLICE),
                "1.2.840.10008.1.2.1")).isInstanceOf(MalformedDicomException.class);
    }

    @Test
    void rejectsShortSecretsAndBadUidRoots() {
        assertThatThrownBy(() -> new SiteSecret(new byte[8])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Pseudonyms(new SiteSecret(secret('a')), "2.25.")).isInstanceOf(
                IllegalArgumentException.class);
    }

    private static DicomInstance deidentified(Path file, byte[] secret) throws Exception {
        DicomInstance instance = read(file);
        new Deidentifier(new Pseudonyms(new SiteSecret(secret), "2.25"), DeidentificationProfile.research())
                .deidentify(instance);
        return instance;
    }

    private static DicomInstance read(Path file) throws IOException, MalformedDicomException {
        try (InputStream in = Files.newInputStream(file)) {
            return DicomInstance.readPart10(in);
        }
    }

    private static DicomInstance readBytes(byte[] part10) throws MalformedDicomException {
        return DicomInstance.readPart10(new ByteArrayInputStream(part10));
    }

    private static byte[] secret(char fill) {
        byte[] secret = new byte[32];
        Arrays.fill(secret, (byte) fill);
        return secret;
    }
}
