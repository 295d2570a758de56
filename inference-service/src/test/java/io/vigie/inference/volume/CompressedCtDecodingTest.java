package io.vigie.inference.volume;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.dicom.DicomInstance;
import io.vigie.dicom.StoredPixelValues;
import io.vigie.testing.Dcmtk;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * JPEG 2000 CT slices made by other vendors' encoders (pydicom's test files), decoded by Vigie (jai-imageio through
 * PixelMed) and by GDCM (OpenJPEG), a decoder that shares nothing with ours: the stored values must agree.
 */
class CompressedCtDecodingTest {

    private static final Path PYDICOM_FILES = Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files");

    @TempDir
    Path folder;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "693_J2KI.dcm, 1.2.840.10008.1.2.4.91",              // irreversible (lossy) JPEG 2000
            // lossless, its codestream unsigned where the header says signed
            "J2K_pixelrep_mismatch.dcm, 1.2.840.10008.1.2.4.90"
    })
    void jpeg2000CtDecodesAsGdcmDecodesIt(String file, String syntax) throws Exception {
        Path source = PYDICOM_FILES.resolve(file);
        Path raw = folder.resolve("raw-" + file);
        Dcmtk.Result result = Dcmtk.run(List.of("gdcmconv", "--raw", source.toString(), raw.toString()));
        assertThat(result.succeeded()).as(result.output()).isTrue();

        DicomInstance compressed = read(source);
        assertThat(compressed.transferSyntaxUid()).isEqualTo(syntax);
        int[] ours = StoredPixelValues.frame(compressed, 0);
        int[] gdcm = StoredPixelValues.frame(read(raw), 0);

        assertThat(ours).hasSameSizeAs(gdcm);
        int differing = 0;
        for (int i = 0; i < ours.length; i++) {
            differing += ours[i] != gdcm[i] ? 1 : 0;
        }
        assertThat(differing).as("pixels that differ from GDCM's decoding").isZero();
        assertThat(java.util.Arrays.stream(ours).distinct().count()).as("an image, not a constant").isGreaterThan(100);
    }

    private static DicomInstance read(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return DicomInstance.readPart10(in);
        }
    }
}
