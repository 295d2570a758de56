package io.vigie.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SOPClass;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.SequenceItem;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import io.vigie.testing.PhiCanaryCorpus.Canary;
import io.vigie.testing.PhiCanaryCorpus.CorpusFile;
import io.vigie.testing.PhiCanaryCorpus.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PhiCanaryCorpusTest {

    private static final String TABLE = "anonymizer/src/main/resources/io/vigie/anonymizer/table-e1-1.tsv";

    private static final Map<Kind, String> SOP_CLASSES = Map.of(
            Kind.CT, SOPClass.CTImageStorage,
            Kind.MR, SOPClass.MRImageStorage,
            Kind.SR, "1.2.840.10008.5.1.4.1.1.88.33",
            Kind.SEG, "1.2.840.10008.5.1.4.1.1.66.4",
            Kind.RTSTRUCT, "1.2.840.10008.5.1.4.1.1.481.3",
            Kind.US, "1.2.840.10008.5.1.4.1.1.6.1");

    /** A handful of the table's tags, one or more of each kind of VR the generator treats differently. */
    private static final Set<Integer> HANDFUL = Set.of(
            0x00100010, // Patient's Name, PN
            0x00081030, // Study Description, LO
            0x00204000, // Image Comments, LT
            0x00101010, // Patient's Age, AS
            0x00100032, // Patient's Birth Time, TM
            0x00080015, // Instance Coercion DateTime, DT
            0x00101030, // Patient's Weight, DS
            0x00400241, // Performed Station AE Title, AE
            0x00189371, // X-Ray Detector ID, UC
            0x0020000E, // Series Instance UID, UI
            0x00081110, // Referenced Study Sequence, SQ
            0x00080096, // Referring Physician Identification Sequence, SQ
            0x0016002B, // Maker Note, OB: binary, skipped
            0x00001000, // Affected SOP Instance UID: command group, skipped
            0x00020003); // Media Storage SOP Instance UID: file meta, PixelMed's

    private static List<Integer> tableTags;

    @TempDir
    Path folder;

    @BeforeAll
    static void readTable() throws IOException {
        // Tests run in the module's folder; the table sits in the sibling anonymizer module.
        Path table = Path.of(System.getProperty("user.dir")).toAbsolutePath().resolveSibling(TABLE);
        assertThat(table).as("Table E.1-1 beside this module").isRegularFile();
        tableTags = Files.readAllLines(table).stream()
                .filter(line -> !line.startsWith("#") && !line.startsWith("tag\t"))
                .map(line -> line.split("\t", 2)[0])
                .filter(tag -> tag.matches("[0-9A-F]{8}")) // wildcard rows (50xxxxxx, ggggeeee) are not tags
                .map(tag -> (int) Long.parseLong(tag, 16))
                .toList();
        assertThat(tableTags).hasSizeGreaterThan(400).containsAll(HANDFUL);
    }

    @Test
    void everyCanaryIsInItsFileAndReadsBackWhereItWasPlanted() throws Exception {
        List<Integer> handful = tableTags.stream().filter(HANDFUL::contains).toList();
        PhiCanaryCorpus corpus = PhiCanaryCorpus.write(folder, handful);

        assertThat(corpus.files()).extracting(CorpusFile::kind).containsExactly(Kind.values());
        Set<String> texts = new HashSet<>();
        for (CorpusFile file : corpus.files()) {
            AttributeList list = read(file.path());
            assertThat(string(list, TagFromName.SOPClassUID)).isEqualTo(SOP_CLASSES.get(file.kind()));
            assertThat(string(list, TagFromName.Modality)).isEqualTo(file.kind().name());
            assertThat(string(list, TagFromName.TransferSyntaxUID)).isEqualTo(TransferSyntax.ExplicitVRLittleEndian);

            byte[] bytes = Files.readAllBytes(file.path());
            for (Canary canary : file.canaries()) {
                assertThat(indexOf(bytes, canary.text().getBytes(StandardCharsets.US_ASCII)))
                        .as("%s in the bytes of %s", canary, file.kind()).isNotNegative();
                assertThat(valuesAt(list, canary.sequencePath(), canary.tag()))
                        .as("%s read back from %s", canary, file.kind())
                        .anyMatch(value -> value.contains(canary.text()));
                assertThat(texts.add(canary.text())).as("%s unique in the corpus", canary).isTrue();
            }

            Set<Integer> topLevel = file.canaries().stream().filter(c -> c.sequencePath().isEmpty())
                    .map(Canary::tag).collect(Collectors.toSet());
            assertThat(topLevel).as("table tags planted in %s", file.kind())
                    .contains(0x00100010, 0x00081030, 0x00204000, 0x00101010, 0x00100032, 0x00080015, 0x00101030,
                            0x00400241, 0x00189371, 0x0020000E)
                    .doesNotContain(0x0016002B, 0x00001000, 0x00020003);
            assertThat(list.get(new AttributeTag(0x0016, 0x002B))).isNull();
            assertThat(list.get(new AttributeTag(0x0000, 0x1000))).isNull();
            assertThat(file.canaries()).as("one item in each sequence of the table")
                    .anyMatch(c -> c.sequencePath().equals(List.of(0x00081110)) && c.tag() == 0x00081155)
                    .anyMatch(c -> c.sequencePath().equals(List.of(0x00080096, 0x00401101)));
            assertThat(file.canaries()).as("identifiers two levels down a kept sequence")
                    .anyMatch(c -> c.sequencePath().size() >= 2 && c.tag() == 0x00100010)
                    .anyMatch(c -> c.sequencePath().size() >= 2 && c.tag() == 0x00100020);
            assertThat(file.canaries()).as("private, overlay, curve and icon canaries")
                    .anyMatch(c -> c.tag() == 0x00291010).anyMatch(c -> c.tag() == 0x00291011)
                    .anyMatch(c -> c.sequencePath().equals(List.of(0x00291012)))
                    .anyMatch(c -> c.tag() == 0x60003000).anyMatch(c -> c.tag() == 0x60004000)
                    .anyMatch(c -> c.tag() == 0x50003000)
                    .anyMatch(c -> c.sequencePath().equals(List.of(0x00880200)) && c.tag() == 0x7FE00010);
            assertThat(string(list, 0x00290010)).isEqualTo("VIGIE CANARY");
            assertThat(string(list, TagFromName.ImageComments)).matches("seen by CNRY\\d{5} at home\\.");
        }
        assertThat(string(read(file(corpus, Kind.US).path()), TagFromName.BurnedInAnnotation)).isEqualTo("YES");
        assertThat(file(corpus, Kind.SR).canaries()).as("SR content items two levels down")
                .extracting(Canary::vr).contains("UT", "PN", "DA", "UI", "LO", "DS");
    }

    @Test
    void theWholeTableIsPlantedWithCanariesOfTheExpectedForms() throws Exception {
        PhiCanaryCorpus corpus = PhiCanaryCorpus.write(folder, tableTags);

        for (CorpusFile file : corpus.files()) {
            assertThat(file.canaries()).hasSizeGreaterThan(400);
            byte[] bytes = Files.readAllBytes(file.path());
            for (Canary canary : file.canaries()) {
                assertThat(indexOf(bytes, canary.text().getBytes(StandardCharsets.US_ASCII)))
                        .as("%s in %s", canary, file.kind()).isNotNegative();
                switch (canary.vr()) {
                    case "DA" -> assertThat(canary.text()).matches("18\\d\\d(0[1-9]|1[0-2])07");
                    case "DT" -> assertThat(canary.text()).matches("18\\d\\d(0[1-9]|1[0-2])07101010");
                    case "TM" -> assertThat(canary.text()).matches("([01]\\d|2[0-3])[0-5]\\d[0-5]\\d\\.0\\d{5}");
                    case "UI" -> assertThat(canary.text()).matches("1\\.2\\.826\\.0\\.1\\.3680043\\.9\\.7777\\.\\d{5}");
                    case "IS", "DS" -> assertThat(canary.text()).matches("73\\d{5}");
                    case "AS" -> assertThat(canary.text()).matches("0\\d\\dY");
                    default -> assertThat(canary.text()).matches("CNRY\\d{5}");
                }
            }
        }
        List<String> texts = corpus.files().stream().flatMap(f -> f.canaries().stream()).map(Canary::text).toList();
        assertThat(texts).doesNotHaveDuplicates();
    }

    @Test
    void twoWritesAreByteIdentical() throws Exception {
        PhiCanaryCorpus first = PhiCanaryCorpus.write(folder.resolve("first"), tableTags);
        PhiCanaryCorpus second = PhiCanaryCorpus.write(folder.resolve("second"), tableTags);
        for (int i = 0; i < first.files().size(); i++) {
            CorpusFile a = first.files().get(i);
            CorpusFile b = second.files().get(i);
            assertThat(Files.readAllBytes(b.path())).as("%s", a.kind()).isEqualTo(Files.readAllBytes(a.path()));
            assertThat(b.canaries()).isEqualTo(a.canaries());
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private static CorpusFile file(PhiCanaryCorpus corpus, Kind kind) {
        return corpus.files().stream().filter(f -> f.kind() == kind).findFirst().orElseThrow();
    }

    private static AttributeList read(Path path) throws IOException, DicomException {
        AttributeList list = new AttributeList();
        list.read(path.toFile());
        return list;
    }

    private static String string(AttributeList list, int tag) {
        return string(list, new AttributeTag(tag >>> 16, tag & 0xFFFF));
    }

    private static String string(AttributeList list, AttributeTag tag) {
        return Attribute.getSingleStringValueOrEmptyString(list, tag);
    }

    /**
     * The values of tag at path, in every item of every sequence on the way (SR content has several items); binary
     * values as ISO 8859-1 text so that ASCII inside them can be matched.
     */
    private static List<String> valuesAt(AttributeList list, List<Integer> path, int tag) throws DicomException {
        List<String> values = new ArrayList<>();
        if (path.isEmpty()) {
            Attribute attribute = list.get(new AttributeTag(tag >>> 16, tag & 0xFFFF));
            if (attribute != null) {
                String vr = new String(attribute.getVR(), StandardCharsets.US_ASCII);
                values.add(switch (vr) {
                    case "OB" -> new String(attribute.getByteValues(), StandardCharsets.ISO_8859_1);
                    case "OW" -> new String(littleEndian(attribute.getShortValues()), StandardCharsets.ISO_8859_1);
                    default -> String.join("\\", attribute.getStringValues());
                });
            }
            return values;
        }
        int head = path.get(0);
        if (list.get(new AttributeTag(head >>> 16, head & 0xFFFF)) instanceof SequenceAttribute sequence) {
            for (int i = 0; i < sequence.getNumberOfItems(); i++) {
                SequenceItem item = sequence.getItem(i);
                values.addAll(valuesAt(item.getAttributeList(), path.subList(1, path.size()), tag));
            }
        }
        return values;
    }

    private static byte[] littleEndian(short[] words) {
        byte[] bytes = new byte[words.length * 2];
        for (int i = 0; i < words.length; i++) {
            bytes[2 * i] = (byte) words[i];
            bytes[2 * i + 1] = (byte) (words[i] >> 8);
        }
        return bytes;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
