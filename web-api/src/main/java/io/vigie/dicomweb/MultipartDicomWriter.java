package io.vigie.dicomweb;

import io.vigie.archive.Archive;
import io.vigie.archive.StoredInstance;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/** Streams instances from the archive as one {@code multipart/related; type="application/dicom"} body (RFC 2387). */
final class MultipartDicomWriter {

    private final Archive archive;
    private final List<StoredInstance> instances;
    private final String boundary = UUID.randomUUID().toString();

    MultipartDicomWriter(Archive archive, List<StoredInstance> instances) {
        this.archive = archive;
        this.instances = instances;
    }

    String contentType() {
        return "multipart/related; type=\"application/dicom\"; boundary=" + boundary;
    }

    void writeTo(OutputStream out) throws IOException {
        for (StoredInstance instance : instances) {
            out.write(ascii("--" + boundary + "\r\nContent-Type: application/dicom; transfer-syntax="
                    + instance.transferSyntaxUid() + "\r\nContent-Length: " + instance.sizeBytes() + "\r\n\r\n"));
            try (InputStream file = archive.open(instance)) {
                file.transferTo(out);
            }
            out.write(ascii("\r\n"));
        }
        out.write(ascii("--" + boundary + "--\r\n"));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
