package io.vigie.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeFactory;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomDictionary;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.OtherByteAttribute;
import com.pixelmed.dicom.OtherWordAttribute;
import com.pixelmed.dicom.TransferSyntax;
import io.vigie.testing.MappedFile;
import io.vigie.testing.SharedData;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Part 10 file read with {@link DicomInstance#readPart10} keeps a trailing Pixel Data element as read, and
 * {@link StoredPixelValues} reads native pixels from those bytes. These tests hold that shortcut to PixelMed's full
 * parse: the same stored values (masked and sign-extended alike), the same file written back, and the full parse for
 * the layouts it does not apply to.
 */
class Part10PixelDataTest {

    private static final Path PYDICOM_FILES = Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files");
    private static final AttributeTag PIXEL_DATA = new AttributeTag(0x7FE0, 0x0010);

    @Test
    void aCtSliceKeepsItsPixelDataAndGivesThePixelsOfTheFullParse() throws Exception {
        byte[] file = Files.readAllBytes(SharedData.lidcSlices("LIDC-IDRI-0001").get(0));
        assertKeptAndSameAsFullParse(file, "LIDC-IDRI-0001 slice");
        // The same slice in Implicit VR Little Endian: the element header is 8 bytes, not 12.
        DicomInstance explicit = DicomInstance.readPart10(new ByteArrayInputStream(file));
        assertKeptAndSameAsFullParse(part10(explicit.attributeList(), TransferSyntax.ImplicitVRLittleEndian),
                "implicit VR");
    }

    @Test
    void signedPixelsOfAnImplicitVrFileMatch() throws Exception {
        assertKeptAndSameAsFullParse(Files.readAllBytes(PYDICOM_FILES.resolve("MR_small_implicit.dcm")),
                "MR_small_implicit.dcm");
    }

    @Test
    void aFileWithAnElementAfterItsPixelDataIsParsedWhole() throws Exception {
        // Data Set Trailing Padding (FFFC,FFFC) follows their pixel data.
        for (String name : new String[] {"CT_small.dcm", "MR_small.dcm", "MR_small_padded.dcm"}) {
            DicomInstance instance = DicomInstance.readPart10(
                    new ByteArrayInputStream(Files.readAllBytes(PYDICOM_FILES.resolve(name))));
            assertThat(instance.attributesBeforePixelData().get(PIXEL_DATA)).as(name + " parsed whole").isNotNull();
            assertThat(StoredPixelValues.frame(instance, 0)).as(name).isNotEmpty();
        }
    }

    @Test
    void highBitsBeyondBitsStoredAreMaskedThenSignExtendedAsPixelMedReadsThem() throws Exception {
        short[] words = {0, 1, 0x07FF, 0x0800, 0x0FFF, (short) 0xF800, (short) 0xA123, (short) 0xFFFF};
        for (int representation : new int[] {0, 1}) {
            byte[] file = part10(image(words, 16, 12, representation), TransferSyntax.ExplicitVRLittleEndian);
            int[] values = assertKeptAndSameAsFullParse(file, "12 of 16 bits, representation " + representation);
            assertThat(values[3]).isEqualTo(representation == 1 ? -2048 : 2048);
            assertThat(values[6]).isEqualTo(0x123); // 0xA123: the high bits go, bit 11 is clear
            assertThat(values[7]).isEqualTo(representation == 1 ? -1 : 0x0FFF);
        }
    }

    /**
     * The one-pass Modality values (16-bit words kept as read, slope 1, a whole intercept) are the floats of the
     * stored values rescaled in a pass of their own, whatever BitsStored and PixelRepresentation; and so are those of
     * every other rescale and layout, which take the two passes.
     */
    @Test
    void modalityValuesAreTheStoredValuesRescaled() throws Exception {
        short[] words = {0, 1, 0x07FF, 0x0800, 0x0FFF, (short) 0xF800, (short) 0xA123, (short) 0xFFFF};
        double[][] rescales = {{1, -1024}, {1, 0}, {1, 3}, {1, -1024.5}, {2.5, -3.25}, {1, 2e6}};
        StoredPixelValues.Buffers buffers = new StoredPixelValues.Buffers();
        for (int bitsStored : new int[] {12, 16}) {
            for (int representation : new int[] {0, 1}) {
                byte[] file = part10(image(words, 16, bitsStored, representation),
                        TransferSyntax.ExplicitVRLittleEndian);
                DicomInstance kept = DicomInstance.readPart10(new ByteArrayInputStream(file));
                DicomInstance parsed = DicomInstance.readPart10(new ByteArrayInputStream(file));
                parsed.attributeList();
                int[] stored = StoredPixelValues.frame(parsed, 0);
                for (double[] rescale : rescales) {
                    float[] expected = new float[words.length];
                    for (int i = 0; i < words.length; i++) {
                        expected[i] = (float) (stored[i] * rescale[0] + rescale[1]);
                    }
                    for (DicomInstance instance : new DicomInstance[] {kept, parsed}) {
                        float[] target = new float[words.length + 3];
                        StoredPixelValues.modalityValues(instance, 0, rescale[0], rescale[1], target, 3, buffers);
                        assertThat(Arrays.copyOfRange(target, 3, target.length))
                                .as("%d bits stored, representation %d, rescale %s, %s", bitsStored, representation,
                                        Arrays.toString(rescale), instance == kept ? "kept" : "parsed")
                                .containsExactly(expected);
                        assertThat(Arrays.copyOf(target, 3)).as("nothing written before the offset")
                                .containsOnly(0f);
                    }
                }
            }
        }
    }

    @Test
    void eightBitPixelsAreReadFromTheBytesToo() throws Exception {
        AttributeList list = image(null, 8, 8, 0);
        OtherByteAttribute pixels = new OtherByteAttribute(PIXEL_DATA);
        pixels.setValues(new byte[] {0, 1, 127, (byte) 128, (byte) 200, (byte) 255, 7, 9});
        list.put(pixels);
        int[] values = assertKeptAndSameAsFullParse(part10(list, TransferSyntax.ExplicitVRLittleEndian), "8 bits");
        assertThat(values).containsExactly(0, 1, 127, 128, 200, 255, 7, 9);
    }

    @Test
    void bigEndianAndDeflatedFilesAreParsedWhole() throws Exception {
        for (String name : new String[] {"MR_small_bigendian.dcm", "image_dfl.dcm"}) {
            byte[] file = Files.readAllBytes(PYDICOM_FILES.resolve(name));
            DicomInstance instance = DicomInstance.readPart10(new ByteArrayInputStream(file));
            assertThat(instance.attributesBeforePixelData().get(PIXEL_DATA)).as(name + " parsed whole").isNotNull();
            assertThat(instance.keptNativePixelData()).as(name).isEmpty();
            assertThat(StoredPixelValues.frame(instance, 0)).as(name).isNotEmpty();
        }
    }

    @Test
    void copyingHeaderAttributesLeavesThePixelDataKept() throws Exception {
        DicomInstance source = DicomInstance.readPart10(new ByteArrayInputStream(
                Files.readAllBytes(SharedData.lidcSlices("LIDC-IDRI-0001").get(0))));
        DataSetBuilder copy = new DataSetBuilder().copyIfPresent(source, "PatientID", "StudyInstanceUID")
                .copyOrEmpty(source, "PatientName", "AccessionNumber");
        assertThat(source.attributesBeforePixelData().get(PIXEL_DATA)).as("not parsed for a copy").isNull();
        assertThat(copy.build().string("StudyInstanceUID"))
                .isEqualTo(source.string("StudyInstanceUID")).isNotEmpty();
    }

    /**
     * A file read from a read-only mapping gives what reading it into an array gives: the same header, the same
     * pixels, the same file written back; for the kept layout, for files parsed whole, and for a truncated file,
     * refused alike.
     */
    @Test
    void aMappedFileReadsAsTheSameFileInAnArray(@TempDir Path folder) throws Exception {
        byte[] lidc = Files.readAllBytes(SharedData.lidcSlices("LIDC-IDRI-0001").get(0));
        Path truncated = folder.resolve("truncated.dcm");
        Files.write(truncated, Arrays.copyOf(lidc, lidc.length - 1000));
        Path[] files = {SharedData.lidcSlices("LIDC-IDRI-0001").get(0), PYDICOM_FILES.resolve("CT_small.dcm"),
            PYDICOM_FILES.resolve("MR_small_bigendian.dcm"), PYDICOM_FILES.resolve("image_dfl.dcm")};
        for (Path file : files) {
            DicomInstance fromArray = DicomInstance.readPart10(new ByteArrayInputStream(Files.readAllBytes(file)));
            DicomInstance mapped = DicomInstance.readPart10(MappedFile.of(file));
            String what = file.getFileName().toString();
            assertThat(mapped.keptNativePixelData().isPresent()).as(what)
                    .isEqualTo(fromArray.keptNativePixelData().isPresent());
            assertThat(StoredPixelValues.frame(mapped, 0)).as(what).isEqualTo(StoredPixelValues.frame(fromArray, 0));
            assertThat(mapped.toPart10("TEST")).as(what).isEqualTo(fromArray.toPart10("TEST"));
        }
        assertThat(DicomInstance.readPart10(MappedFile.of(files[0])).keptNativePixelData()).as("the CT slice keeps its pixels")
                .isPresent();
        assertThatThrownBy(() -> DicomInstance.readPart10(MappedFile.of(truncated)))
                .isInstanceOf(MalformedDicomException.class);
    }

    @Test
    void aTruncatedFileIsStillRefused() throws Exception {
        byte[] file = Files.readAllBytes(SharedData.lidcSlices("LIDC-IDRI-0001").get(0));
        byte[] truncated = Arrays.copyOf(file, file.length - 1000);
        assertThatThrownBy(() -> DicomInstance.readPart10(new ByteArrayInputStream(truncated)))
                .isInstanceOf(MalformedDicomException.class);
    }

    /**
     * Reads {@code file} twice: once as {@link DicomInstance#readPart10} keeps it, once with its pixel data parsed by
     * PixelMed; the pixels and the file written back must be the same.
     */
    private static int[] assertKeptAndSameAsFullParse(byte[] file, String what) throws Exception {
        DicomInstance kept = DicomInstance.readPart10(new ByteArrayInputStream(file));
        assertThat(kept.attributesBeforePixelData().get(PIXEL_DATA)).as(what + ": pixel data kept").isNull();
        assertThat(kept.keptNativePixelData()).as(what).isPresent();
        int[] fromBytes = StoredPixelValues.frame(kept, 0);
        assertThat(kept.attributesBeforePixelData().get(PIXEL_DATA)).as(what + ": still kept").isNull();

        DicomInstance parsed = DicomInstance.readPart10(new ByteArrayInputStream(file));
        parsed.attributeList(); // parses the kept pixel data with PixelMed
        assertThat(parsed.keptNativePixelData()).isEmpty();
        assertThat(fromBytes).as(what).isEqualTo(StoredPixelValues.frame(parsed, 0));
        assertThat(kept.toPart10("TEST")).as(what).isEqualTo(parsed.toPart10("TEST"));
        return fromBytes;
    }

    /** A grey-scale image of one row, 16-bit words given (or no Pixel Data when null). */
    private static AttributeList image(short[] words, int bitsAllocated, int bitsStored, int representation)
            throws Exception {
        AttributeList list = new AttributeList();
        put(list, "SOPClassUID", "1.2.840.10008.5.1.4.1.1.7");
        put(list, "SOPInstanceUID", "2.25.4242");
        put(list, "Rows", "1");
        put(list, "Columns", "8");
        put(list, "SamplesPerPixel", "1");
        put(list, "PhotometricInterpretation", "MONOCHROME2");
        put(list, "BitsAllocated", Integer.toString(bitsAllocated));
        put(list, "BitsStored", Integer.toString(bitsStored));
        put(list, "HighBit", Integer.toString(bitsStored - 1));
        put(list, "PixelRepresentation", Integer.toString(representation));
        if (words != null) {
            OtherWordAttribute pixels = new OtherWordAttribute(PIXEL_DATA);
            pixels.setValues(words);
            list.put(pixels);
        }
        return list;
    }

    private static byte[] part10(AttributeList list, String syntax) throws Exception {
        list.removeMetaInformationHeaderAttributes();
        FileMetaInformation.addFileMetaInformation(list, syntax, "TEST");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        list.write(out, syntax, true, true);
        return out.toByteArray();
    }

    private static void put(AttributeList list, String keyword, String value) throws Exception {
        Attribute attribute = AttributeFactory.newAttribute(DicomInstance.tag(keyword),
                DicomDictionary.StandardDictionary.getValueRepresentationFromTag(DicomInstance.tag(keyword)));
        attribute.addValue(value);
        list.put(attribute);
    }
}
