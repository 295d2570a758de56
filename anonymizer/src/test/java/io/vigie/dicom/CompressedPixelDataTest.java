package io.vigie.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.testing.Dcmtk;
import io.vigie.testing.SharedData;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A compressed instance read and written again (what the store pipeline does with every instance) keeps its
 * compressed Pixel Data as it came: dcmtk, decompressing the re-written file, finds the original pixels. Before,
 * PixelMed decompressed on read and the file was written back with native pixels under a compressed syntax (RLE),
 * or the read failed without a codec (JPEG lossless).
 */
class CompressedPixelDataTest {

    @TempDir
    Path folder;

    @Test
    void rleAndJpegLosslessInstancesSurviveReadAndWriteWithTheirPixels() throws Exception {
        Path original = SharedData.lidcSlices("LIDC-IDRI-0001").get(3);
        int[] expected = StoredPixelValues.frame(read(original), 0);
        for (List<String> codec : List.of(List.of("dcmcrle", "dcmdrle"), List.of("dcmcjpeg", "dcmdjpeg"))) {
            Path compressed = run(codec.get(0), original, "compressed-" + codec.get(0) + ".dcm");
            DicomInstance instance = read(compressed);
            Path rewritten = Files.write(folder.resolve("rewritten-" + codec.get(0) + ".dcm"),
                    instance.toPart10("TEST"));

            Path decompressed = run(codec.get(1), rewritten, "decompressed-" + codec.get(0) + ".dcm");
            DicomInstance back = read(decompressed);
            assertThat(read(rewritten).transferSyntaxUid()).isEqualTo(instance.transferSyntaxUid())
                    .isNotEqualTo("1.2.840.10008.1.2.1");
            assertThat(StoredPixelValues.frame(back, 0)).as(codec.get(0)).isEqualTo(expected);
        }
    }

    @Test
    void rlePixelsDecodeWithoutAnyImageIoCodec() throws Exception {
        Path original = SharedData.lidcSlices("LIDC-IDRI-0001").get(3);
        DicomInstance rle = read(run("dcmcrle", original, "rle.dcm"));
        assertThat(rle.transferSyntaxUid()).isEqualTo("1.2.840.10008.1.2.5");
        assertThat(StoredPixelValues.frame(rle, 0)).isEqualTo(StoredPixelValues.frame(read(original), 0));
    }

    private Path run(String tool, Path input, String outputName) {
        Path output = folder.resolve(outputName);
        List<String> command = new ArrayList<>(List.of(tool));
        if (tool.equals("dcmcjpeg")) {
            command.add("+e1"); // lossless, first-order prediction
        }
        command.addAll(List.of(input.toString(), output.toString()));
        Dcmtk.Result result = Dcmtk.run(command);
        assertThat(result.succeeded()).as("%s: %s", command, result.output()).isTrue();
        return output;
    }

    private static DicomInstance read(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return DicomInstance.readPart10(in);
        }
    }
}
