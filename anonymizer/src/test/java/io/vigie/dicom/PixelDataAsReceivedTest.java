package io.vigie.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeFactory;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.OtherByteAttribute;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TransferSyntax;
import com.pixelmed.dicom.ValueRepresentation;
import io.vigie.anonymizer.DeidentificationProfile;
import io.vigie.anonymizer.Deidentifier;
import io.vigie.anonymizer.Pseudonyms;
import io.vigie.anonymizer.SiteSecret;
import io.vigie.testing.SharedData;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A received data set whose last element is Pixel Data keeps that element as received: only what precedes it is
 * parsed and rewritten. These tests hold that shortcut to the full parse: same file out, same pixels, and the full
 * parse whenever anything follows the pixel data (which could be identifying) or the layout is unusual.
 */
class PixelDataAsReceivedTest {

    private static final Path PYDICOM_FILES = Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files");
    private static final AttributeTag PIXEL_DATA = new AttributeTag(0x7FE0, 0x0010);

    private final Deidentifier deidentifier = new Deidentifier(
            new Pseudonyms(new SiteSecret(filled('k')), "2.25"), DeidentificationProfile.research());

    @Test
    void aCtSliceIsStoredAsTheFullParseWouldStoreIt() throws Exception {
        AttributeList original = readFile(SharedData.lidcSlices("LIDC-IDRI-0001").get(0));
        assertSameFileEitherWay(original, TransferSyntax.ExplicitVRLittleEndian);
        assertSameFileEitherWay(original, TransferSyntax.ImplicitVRLittleEndian);
    }

    @Test
    void encapsulatedPixelDataIsKeptFragmentForFragment() throws Exception {
        // Compressed images whose Pixel Data is their last element: JPEG 2000 CT, RLE dose.
        for (String name : new String[] {"693_J2KI.dcm", "J2K_pixelrep_mismatch.dcm", "rtdose_rle.dcm"}) {
            byte[] fileBytes = Files.readAllBytes(PYDICOM_FILES.resolve(name));
            String syntax = Attribute.getSingleStringValueOrEmptyString(readFile(PYDICOM_FILES.resolve(name)),
                    DicomInstance.tag("TransferSyntaxUID"));
            byte[] dataSet = rawDataSet(fileBytes);
            DicomInstance kept = DicomInstance.readDataSet(dataSet, syntax);
            assertThat(kept.attributesBeforePixelData().get(PIXEL_DATA)).as(name + " kept as received").isNull();
            deidentifier.deidentify(kept);
            byte[] file = kept.toPart10("TEST");
            // The file ends with exactly the received pixel data element, and reads back whole.
            int pixelDataAt = indexOfPixelData(dataSet);
            byte[] receivedPixelElement = Arrays.copyOfRange(dataSet, pixelDataAt, dataSet.length);
            byte[] storedTail = Arrays.copyOfRange(file, file.length - receivedPixelElement.length, file.length);
            assertThat(storedTail).as(name).isEqualTo(receivedPixelElement);
            AttributeList stored = read(file);
            assertThat(Attribute.getSingleStringValueOrEmptyString(stored, DicomInstance.tag("PatientIdentityRemoved")))
                    .as(name).isEqualTo("YES");
            assertThat(stored.get(PIXEL_DATA)).as(name).isNotNull();
        }
    }

    /** The data set of a Part 10 file as its bytes are: after the preamble, "DICM" and the group 0002 elements. */
    private static byte[] rawDataSet(byte[] file) {
        int at = 132;
        while (file[at] == 0x02 && file[at + 1] == 0x00) { // group 0002, explicit VR little endian
            String vr = new String(file, at + 4, 2, StandardCharsets.US_ASCII);
            boolean longForm = vr.equals("OB") || vr.equals("UN") || vr.equals("SQ") || vr.equals("UT");
            int length = longForm ? readInt(file, at + 8) : (file[at + 6] & 0xFF) | (file[at + 7] & 0xFF) << 8;
            at += (longForm ? 12 : 8) + length;
        }
        return Arrays.copyOfRange(file, at, file.length);
    }

    private static int readInt(byte[] bytes, int at) {
        return (bytes[at] & 0xFF) | (bytes[at + 1] & 0xFF) << 8 | (bytes[at + 2] & 0xFF) << 16
                | (bytes[at + 3] & 0xFF) << 24;
    }

    @Test
    void pixelDataIsParsedWhenAskedForAsTheFullParseWouldHaveIt() throws Exception {
        AttributeList original = readFile(SharedData.lidcSlices("LIDC-IDRI-0001").get(0));
        for (String syntax : new String[] {TransferSyntax.ExplicitVRLittleEndian,
                TransferSyntax.ImplicitVRLittleEndian}) {
            DicomInstance instance = DicomInstance.readDataSet(dataSet(original, syntax), syntax);
            assertThat(instance.attributesBeforePixelData().get(PIXEL_DATA)).as(syntax).isNull();
            assertThat(instance.bytes("PixelData")).isEqualTo(original.get(PIXEL_DATA).getByteValues(false));
            assertThat(instance.attributesBeforePixelData().get(PIXEL_DATA)).as(syntax).isNotNull();
            // Read apart from BitsAllocated, implicit VR pixel data would come back as OB: 16-bit readers would fail.
            assertThat(instance.attributeList().get(PIXEL_DATA).getShortValues()).as(syntax)
                    .isEqualTo(original.get(PIXEL_DATA).getShortValues());
        }
    }

    @Test
    void anElementAfterThePixelDataMeansTheFullParseAndIsDeidentified() throws Exception {
        AttributeList original = readFile(SharedData.lidcSlices("LIDC-IDRI-0001").get(0));
        Attribute creator = AttributeFactory.newAttribute(new AttributeTag(0x7FE1, 0x0010), ValueRepresentation.LO);
        creator.addValue("ACME PRIVATE");
        Attribute secret = AttributeFactory.newAttribute(new AttributeTag(0x7FE1, 0x1010), ValueRepresentation.LO);
        secret.addValue("CANARY-AFTER-PIXELS");
        original.put(creator);
        original.put(secret);
        byte[] dataSet = dataSet(original, TransferSyntax.ExplicitVRLittleEndian);

        DicomInstance instance = DicomInstance.readDataSet(dataSet, TransferSyntax.ExplicitVRLittleEndian);
        assertThat(instance.attributesBeforePixelData().get(PIXEL_DATA)).as("parsed whole").isNotNull();
        deidentifier.deidentify(instance);
        byte[] file = instance.toPart10("TEST");
        assertThat(new String(file, StandardCharsets.ISO_8859_1)).doesNotContain("CANARY-AFTER-PIXELS");
    }

    @Test
    void anIconImageEndingTheDataSetIsNotMistakenForThePixelData() throws Exception {
        AttributeList list = new AttributeList();
        put(list, "SOPClassUID", "1.2.840.10008.5.1.4.1.1.7");
        put(list, "SOPInstanceUID", "1.2.826.0.1.3680043.9.7777.9.1");
        put(list, "PatientID", "PAT-ICON");
        AttributeList icon = new AttributeList();
        put(icon, "Rows", "2");
        put(icon, "Columns", "2");
        OtherByteAttribute iconPixels = new OtherByteAttribute(PIXEL_DATA);
        iconPixels.setValues(new byte[] {1, 2, 3, 4});
        icon.put(iconPixels);
        // A defined-length sequence: its item's Pixel Data is the last element of the whole data set.
        SequenceAttribute iconSequence = new SequenceAttribute(DicomInstance.tag("IconImageSequence"));
        iconSequence.addItem(icon);
        list.put(iconSequence);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        list.write(out, TransferSyntax.ExplicitVRLittleEndian, false, true);
        byte[] dataSet = definedLengthSequences(out.toByteArray());

        DicomInstance instance = DicomInstance.readDataSet(dataSet, TransferSyntax.ExplicitVRLittleEndian);
        assertThat(instance.string("PatientID")).isEqualTo("PAT-ICON");
        assertThat(instance.attributesBeforePixelData().get(DicomInstance.tag("IconImageSequence"))).isNotNull();
    }

    /** Keeping the pixel data as received and parsing it first give byte-identical files. */
    private void assertSameFileEitherWay(AttributeList original, String syntax) throws Exception {
        byte[] dataSet = dataSet(original, syntax);
        DicomInstance kept = DicomInstance.readDataSet(dataSet, syntax);
        DicomInstance parsed = DicomInstance.readDataSet(dataSet, syntax);
        parsed.attributeList(); // parses the pixel data before de-identification
        deidentifier.deidentify(kept);
        deidentifier.deidentify(parsed);
        byte[] keptFile = kept.toPart10("TEST");
        assertThat(keptFile).as(syntax).isEqualTo(parsed.toPart10("TEST"));
        assertThat(DicomInstance.readPart10(new ByteArrayInputStream(keptFile)).bytes("PixelData"))
                .isEqualTo(original.get(PIXEL_DATA).getByteValues(false));
    }

    private static AttributeList readFile(Path file) throws Exception {
        return read(Files.readAllBytes(file));
    }

    /** A Part 10 file as PixelMed reads it, compressed pixel data left compressed. */
    private static AttributeList read(byte[] file) throws Exception {
        AttributeList list = new AttributeList();
        list.setDecompressPixelData(false);
        try (DicomInputStream in = new DicomInputStream(new ByteArrayInputStream(file))) {
            list.read(in);
        }
        return list;
    }

    /** The data set as a C-STORE carries it: no preamble, no meta information. */
    private static byte[] dataSet(AttributeList part10, String syntax) throws Exception {
        AttributeList copy = (AttributeList) part10.clone();
        copy.removeMetaInformationHeaderAttributes();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        copy.write(out, syntax, false, true);
        return out.toByteArray();
    }

    private static int indexOfPixelData(byte[] dataSet) {
        byte[] tag = {(byte) 0xE0, 0x7F, 0x10, 0x00};
        for (int i = dataSet.length - 4; i >= 0; i--) {
            if (Arrays.equals(Arrays.copyOfRange(dataSet, i, i + 4), tag)) {
                return i;
            }
        }
        throw new AssertionError("no pixel data");
    }

    /**
     * PixelMed writes sequences with undefined length; this rewrites the one sequence of the icon test with defined
     * lengths (sequence and item), the layout where an icon's pixel data can end the data set.
     */
    private static byte[] definedLengthSequences(byte[] dataSet) {
        // Layout: ... (0088,0200) SQ 00 00 FFFFFFFF | (FFFE,E000) FFFFFFFF | item elements | (FFFE,E00D) 0 |
        // (FFFE,E0DD) 0
        byte[] sequenceTag = {(byte) 0x88, 0x00, 0x00, 0x02, 'S', 'Q', 0, 0};
        int sq = -1;
        for (int i = 0; i + sequenceTag.length <= dataSet.length; i++) {
            if (Arrays.equals(Arrays.copyOfRange(dataSet, i, i + sequenceTag.length), sequenceTag)) {
                sq = i;
            }
        }
        int itemStart = sq + 12;
        int elementsStart = itemStart + 8;
        int elementsEnd = dataSet.length - 16; // item delimiter and sequence delimiter, 8 bytes each
        int itemLength = elementsEnd - elementsStart;
        byte[] result = new byte[elementsEnd];
        System.arraycopy(dataSet, 0, result, 0, elementsEnd);
        writeLength(result, sq + 8, itemLength + 8);
        writeLength(result, itemStart + 4, itemLength);
        return result;
    }

    private static void writeLength(byte[] bytes, int at, int length) {
        bytes[at] = (byte) length;
        bytes[at + 1] = (byte) (length >>> 8);
        bytes[at + 2] = (byte) (length >>> 16);
        bytes[at + 3] = (byte) (length >>> 24);
    }

    private static void put(AttributeList list, String keyword, String value) throws Exception {
        Attribute attribute = AttributeFactory.newAttribute(DicomInstance.tag(keyword));
        attribute.addValue(value);
        list.put(attribute);
    }

    private static byte[] filled(char c) {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, (byte) c);
        return bytes;
    }
}
