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
    private static final byte[] CRLF = {'\r', '\n'};
    /**
     * Files are copied in pieces of this size: a CT slice (about 520 KB) in four writes to the connection rather
     * than the 64 of {@code InputStream.transferTo}'s 8 KB, each a trip through the container's buffers and a
     * system call.
     */
    private static final int COPY_BUFFER_SIZE = 128 * 1024;

    private final String boundary = UUID.randomUUID().toString();

    MultipartDicomWriter(Archive archive, List<StoredInstance> instances) {
        this.archive = archive;
        this.instances = instances;
    }

    String contentType() {
        return "multipart/related; type=\"application/dicom\"; boundary=" + boundary;
    }

    /**
     * The body's length, known before it is written: each part's file has the size indexed when it was stored (the
     * archive never rewrites a file). Sent as Content-Length, so a client can tell a complete answer from a cut one.
     */
    long contentLength() {
        long length = closingDelimiter().length;
        for (StoredInstance instance : instances) {
            length += partHeader(instance).length + instance.sizeBytes() + CRLF.length;
        }
        return length;
    }

    void writeTo(OutputStream out) throws IOException {
        byte[] buffer = new byte[COPY_BUFFER_SIZE];
        for (StoredInstance instance : instances) {
            out.write(partHeader(instance));
            try (InputStream file = archive.open(instance)) {
                copy(file, out, buffer);
            }
            out.write(CRLF);
        }
        out.write(closingDelimiter());
    }

    private static void copy(InputStream in, OutputStream out, byte[] buffer) throws IOException {
        int read;
        while ((read = in.read(buffer)) >= 0) {
            out.write(buffer, 0, read);
        }
    }

    private byte[] partHeader(StoredInstance instance) {
        return ascii("--" + boundary + "\r\nContent-Type: application/dicom; transfer-syntax="
                + instance.transferSyntaxUid() + "\r\nContent-Length: " + instance.sizeBytes() + "\r\n\r\n");
    }

    private byte[] closingDelimiter() {
        return ascii("--" + boundary + "--\r\n");
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
