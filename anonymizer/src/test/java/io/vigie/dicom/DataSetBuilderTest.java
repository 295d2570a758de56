package io.vigie.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeFactory;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomDictionary;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DataSetBuilderTest {

    @Test
    void decimalStringsFitSixteenCharactersAndKeepTheirValue() {
        for (double value : new double[] {6708.82084625854, -115.9, 0.1 + 0.2, 1e-20, -3.0e21, 23.4, 0, 1e15 + 0.5}) {
            String text = DataSetBuilder.decimalString(value);
            assertThat(text.length()).as(text).isLessThanOrEqualTo(16);
            assertThat(Double.parseDouble(text)).as(text).isCloseTo(value,
                    org.assertj.core.api.Assertions.offset(Math.abs(value) * 1e-12));
        }
        assertThat(DataSetBuilder.decimalString(23.4)).isEqualTo("23.4");
        assertThatThrownBy(() -> DataSetBuilder.decimalString(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    /** The quick path for short decimals writes what the exact rounding writes, for every kind of value. */
    @Test
    void decimalStringsAreTheExactRoundingsText() {
        Random random = new Random(20261202);
        List<Double> values = new ArrayList<>(List.of(0.9, 0.1 + 0.2, 100.0, -0.0, 1e-3, 9.999999999999999e14,
                999999999999999.9, 1e15, 123456789012345.6, 0.30000000000000004, 1e7, 9999999.5, -398.75));
        for (int i = 0; i < 25_000; i++) {
            values.add(random.nextInt(2_000_000) / 100.0 - 10_000);            // positions, mm, as written
            values.add((random.nextInt(4000) - 2000) * 1.25 + random.nextInt(8) * 0.1);
            values.add((random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(30) - 12)); // any magnitude
            values.add(Double.longBitsToDouble(random.nextLong()));             // any double at all
        }
        for (double value : values) {
            if (Double.isFinite(value)) {
                assertThat(DataSetBuilder.decimalString(value)).as("%s", value)
                        .isEqualTo(DataSetBuilder.rounded(value));
            }
        }
    }

    /** Every keyword of the dictionary gets, the first time and every time after, the attribute PixelMed makes. */
    @Test
    void attributesAreThoseOfPixelMedsFactory() throws Exception {
        int keywords = 0;
        for (Iterator<?> tags = DicomDictionary.StandardDictionary.getTagIterator();
                tags.hasNext(); ) {
            AttributeTag tag = (AttributeTag) tags.next();
            String keyword = DicomDictionary.StandardDictionary.getNameFromTag(tag);
            if (keyword == null || tag.getGroup() == 0x0002 || !tag.equals(DicomInstance.tag(keyword))) {
                continue; // meta information, and repeating groups named once for many tags
            }
            Attribute factory = AttributeFactory.newAttribute(tag);
            for (int time = 0; time < 2; time++) {
                Attribute ours = new DataSetBuilder().empty(keyword).build().attributeList()
                        .get(tag);
                assertThat(ours.getClass()).as(keyword).isEqualTo(factory.getClass());
                assertThat(ours.getTag()).as(keyword).isEqualTo(tag);
                assertThat(ours.getVR()).as(keyword).isEqualTo(factory.getVR());
            }
            keywords++;
        }
        assertThat(keywords).isGreaterThan(3000);
    }

    /** Pixel bytes made in memory (a SEG's frames) are appended by Vigie, byte for byte as PixelMed writes them. */
    @Test
    void builtPixelBytesAreWrittenExactlyAsPixelMedWritesThem() throws Exception {
        Random random = new Random(11);
        for (int length : new int[] {3, 4, 100_001}) {
            byte[] pixels = new byte[length];
            random.nextBytes(pixels);
            DicomInstance built = new DataSetBuilder()
                    .set("SOPClassUID", "1.2.840.10008.5.1.4.1.1.66.4")
                    .set("SOPInstanceUID", "2.25.4242")
                    .sequence("SegmentSequence", new DataSetBuilder().numbers("SegmentNumber", 1))
                    .bytes("PixelData", pixels)
                    .build();

            byte[] ours = built.toPart10("TEST");
            ByteArrayOutputStream pixelMeds = new ByteArrayOutputStream();
            built.attributeList().write(pixelMeds, DataSetBuilder.EXPLICIT_VR_LITTLE_ENDIAN, true, true);

            assertThat(ours).as("%d pixel bytes", length).isEqualTo(pixelMeds.toByteArray());
            assertThat(DicomInstance.readPart10(new ByteArrayInputStream(ours)).bytes("PixelData"))
                    .startsWith(pixels).hasSize(length + length % 2);
        }
    }

    @Test
    void aBuiltDataSetIsWrittenAsPart10AndReadBackWithItsValues() throws Exception {
        DicomInstance built = new DataSetBuilder()
                .set("SOPClassUID", "1.2.840.10008.5.1.4.1.1.88.34")
                .set("SOPInstanceUID", "2.25.12345")
                .set("PatientID", "VG1")
                .empty("PatientName")
                .numbers("Rows", 512)
                .numbers("SliceThickness", 2.5)
                .setTags("FunctionalGroupPointer", "PlanePositionSequence")
                .sequence("ConceptNameCodeSequence", new DataSetBuilder().set("CodeValue", "126000"))
                .bytes("PixelData", new byte[] {1, 2, 3})
                .build();

        DicomInstance read = DicomInstance.readPart10(new ByteArrayInputStream(built.toPart10("TEST")));

        assertThat(read.transferSyntaxUid()).isEqualTo(DataSetBuilder.EXPLICIT_VR_LITTLE_ENDIAN);
        assertThat(read.string("PatientID")).isEqualTo("VG1");
        assertThat(read.attributeList().get(DicomInstance.tag("PatientName"))).isNotNull();
        assertThat(read.integer("Rows")).isEqualTo(512);
        assertThat(read.strings("SliceThickness")).isEqualTo(List.of("2.5"));
        assertThat(read.attributeList().get(DicomInstance.tag("FunctionalGroupPointer"))
                .getSingleStringValueOrEmptyString()).isEqualToIgnoringCase("(0x0020,0x9113)");
        assertThat(read.bytes("PixelData")).startsWith(1, 2, 3).hasSize(4); // padded to even length
    }
}
