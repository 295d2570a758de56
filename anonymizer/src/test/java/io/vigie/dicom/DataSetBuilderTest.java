package io.vigie.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.util.List;
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
