package io.vigie.dicomweb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultipartRelatedReaderTest {

    @Test
    void readsPartsBetweenPreambleAndEpilogue() throws IOException {
        String body = "a preamble to ignore\r\n--b1\r\nContent-Type: application/dicom\r\n\r\nfirst\r\n"
                + "--b1 \r\ncontent-type:application/dicom\r\nX-Other: y\r\n\r\nsecond\r\n--b1\r\n"
                + "\r\npart with --b inside\r\n\r\n--b1--\r\nan epilogue to ignore";

        List<MultipartRelatedReader.Part> parts = readAll(body, "b1", 1000);

        assertThat(parts).extracting(MultipartRelatedReader.Part::contentType)
                .containsExactly("application/dicom", "application/dicom", null);
        assertThat(parts).extracting(part -> new String(part.body(), StandardCharsets.US_ASCII))
                .containsExactly("first", "second", "part with --b inside\r\n");
    }

    @Test
    void keepsBinaryBodiesByteForByte() throws IOException {
        byte[] binary = new byte[200_000];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) (i * 31 + (i >> 8));
        }
        byte[] head = "--b\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "\r\n--b--".getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[head.length + binary.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(binary, 0, body, head.length, binary.length);
        System.arraycopy(tail, 0, body, head.length + binary.length, tail.length);

        MultipartRelatedReader reader = new MultipartRelatedReader(new ByteArrayInputStream(body), "b", body.length);

        assertThat(reader.next().body()).isEqualTo(binary);
        assertThat(reader.next()).isNull();
        assertThat(reader.next()).isNull();
    }

    @Test
    void refusesBodiesThatAreNotFramedAsMultipart() {
        assertThatThrownBy(() -> readAll("no delimiter at all", "b", 1000))
                .isInstanceOf(MultipartRelatedReader.MalformedException.class);
        assertThatThrownBy(() -> readAll("--b\r\n\r\nno close delimiter", "b", 1000))
                .isInstanceOf(MultipartRelatedReader.MalformedException.class).hasMessageContaining("close");
        assertThatThrownBy(() -> readAll("--b\r\nno colon\r\n\r\nx\r\n--b--", "b", 1000))
                .isInstanceOf(MultipartRelatedReader.MalformedException.class).hasMessageContaining("header");
        assertThatThrownBy(() -> readAll("--bjunk\r\n\r\nx\r\n--b--", "b", 1000))
                .isInstanceOf(MultipartRelatedReader.MalformedException.class);
    }

    @Test
    void stopsAsSoonAsTheLimitIsPassedWhateverWasDeclared() throws IOException {
        String body = "--b\r\n\r\n" + "x".repeat(5000) + "\r\n--b--";
        assertThatThrownBy(() -> readAll(body, "b", 4096))
                .isInstanceOf(MultipartRelatedReader.TooLargeException.class);
        assertThat(readAll(body, "b", body.length())).hasSize(1);
    }

    private static List<MultipartRelatedReader.Part> readAll(String body, String boundary, long maxBytes)
            throws IOException {
        InputStream in = new ByteArrayInputStream(body.getBytes(StandardCharsets.US_ASCII));
        MultipartRelatedReader reader = new MultipartRelatedReader(in, boundary, maxBytes);
        List<MultipartRelatedReader.Part> parts = new ArrayList<>();
        for (MultipartRelatedReader.Part part = reader.next(); part != null; part = reader.next()) {
            parts.add(part);
        }
        return parts;
    }
}
