package io.vigie.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigie.dicom.DicomInstance;
import io.vigie.dicom.MalformedDicomException;
import io.vigie.testing.BrokenDicom;
import io.vigie.testing.SharedData;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class Part10FileTest {

    private static final Path SLICE = SharedData.lidcSlices("LIDC-IDRI-0001").get(0);

    @Test
    void announcesWhatTheMetaInformationSaysAndKeepsTheDataSetAsItCame() throws Exception {
        DicomInstance original;
        try (InputStream in = Files.newInputStream(SLICE)) {
            original = DicomInstance.readPart10(in);
        }

        ReceivedInstance received = Part10File.unwrap(ReceivedInstance.Source.STOW, "default", "someone",
                Files.readAllBytes(SLICE), "1.2.3");

        assertThat(received.sopClassUid()).isEqualTo(original.string("SOPClassUID"));
        assertThat(received.sopInstanceUid()).isEqualTo(original.string("SOPInstanceUID"));
        assertThat(received.transferSyntaxUid()).isEqualTo(original.transferSyntaxUid());
        assertThat(received.dataSet()).isEqualTo(BrokenDicom.dataSet(SLICE));
        assertThat(received.sender()).isEqualTo("someone");
        assertThat(received.site()).isEqualTo("default");
        assertThat(received.targetStudyInstanceUid()).isEqualTo("1.2.3");
    }

    @Test
    void refusesWhatIsNoPart10File() throws Exception {
        assertThatThrownBy(() -> Part10File.unwrap(ReceivedInstance.Source.STOW, "default", "someone",
                BrokenDicom.dataSet(SLICE), null))
                .isInstanceOf(MalformedDicomException.class).hasMessageContaining("DICM");
        byte[] file = Files.readAllBytes(SLICE);
        assertThatThrownBy(() -> Part10File.unwrap(ReceivedInstance.Source.STOW, "default", "someone",
                Arrays.copyOf(file, 150), null))
                .isInstanceOf(MalformedDicomException.class).hasMessageContaining("past the end");
        assertThatThrownBy(() -> Part10File.unwrap(ReceivedInstance.Source.STOW, "default", "someone",
                Arrays.copyOf(file, 132), null))
                .isInstanceOf(MalformedDicomException.class).hasMessageContaining("MediaStorageSOPClassUID");
    }
}
