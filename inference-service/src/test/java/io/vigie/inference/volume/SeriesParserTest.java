package io.vigie.inference.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigie.dicom.DicomInstance;
import io.vigie.testing.BrokenDicom;
import io.vigie.testing.CtCorpus;
import io.vigie.testing.MappedFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parsing a series several files at once gives what parsing it in order gives: the same order, the same failure. */
class SeriesParserTest {

    private static final int FILES = 40; // many more than the pool's threads

    @TempDir
    static Path folder;

    private static List<CtCorpus.Instance> corpus;

    @BeforeAll
    static void corpus() throws Exception {
        corpus = CtCorpus.write(folder, "LIDC-IDRI-0001", "series-parser", FILES);
    }

    @Test
    void theInstancesComeInTheOrderOfTheFiles() throws Exception {
        List<DicomInstance> instances = SeriesParser.parse(FILES, i -> MappedFile.of(corpus.get(i).file()));
        assertThat(instances).extracting(instance -> instance.string("SOPInstanceUID"))
                .containsExactlyElementsOf(corpus.stream().map(CtCorpus.Instance::sopInstanceUid).toList());
    }

    @Test
    void theFirstFileThatDoesNotParseIsNamedByItsPlace() {
        byte[] truncated = BrokenDicom.truncatedFile(corpus.get(0).file());
        SeriesParser.Files files = i -> i == 7 || i == 30 ? ByteBuffer.wrap(truncated)
                : MappedFile.of(corpus.get(i).file());
        assertThatThrownBy(() -> SeriesParser.parse(FILES, files))
                .isInstanceOfSatisfying(SeriesParser.UnparsableFile.class, e -> assertThat(e.index()).isEqualTo(7));
    }

    @Test
    void aFileThatCannotBeOpenedBeforeItFailsAsItWouldInOrder() {
        byte[] truncated = BrokenDicom.truncatedFile(corpus.get(0).file());
        SeriesParser.Files files = i -> {
            if (i == 12) {
                throw new IOException("file store unreachable");
            }
            return i == 25 ? ByteBuffer.wrap(truncated) : MappedFile.of(corpus.get(i).file());
        };
        assertThatThrownBy(() -> SeriesParser.parse(FILES, files)).isInstanceOf(IOException.class)
                .hasMessage("file store unreachable");
        SeriesParser.Files malformedFirst = i -> {
            if (i == 30) {
                throw new IOException("file store unreachable");
            }
            return i == 3 ? ByteBuffer.wrap(truncated) : MappedFile.of(corpus.get(i).file());
        };
        assertThatThrownBy(() -> SeriesParser.parse(FILES, malformedFirst))
                .isInstanceOfSatisfying(SeriesParser.UnparsableFile.class, e -> assertThat(e.index()).isEqualTo(3));
    }
}
