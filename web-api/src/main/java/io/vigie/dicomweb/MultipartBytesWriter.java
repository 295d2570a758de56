package io.vigie.dicomweb;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/** A {@code multipart/related; type="application/octet-stream"} body of byte values (frames, bulk data). */
final class MultipartBytesWriter {

    /** One part: its bytes and the URL it answers to (Content-Location, PS3.18 8.6.1.2). */
    record Part(byte[] bytes, String location) {
    }

    private final String boundary = UUID.randomUUID().toString();
    private final String partType;

    /** @param partType the Content-Type of each part */
    MultipartBytesWriter(String partType) {
        this.partType = partType;
    }

    String contentType() {
        return "multipart/related; type=\"application/octet-stream\"; boundary=" + boundary;
    }

    byte[] body(List<Part> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Part part : parts) {
            out.writeBytes(ascii("--" + boundary + "\r\nContent-Type: " + partType + "\r\nContent-Location: "
                    + part.location() + "\r\nContent-Length: " + part.bytes().length + "\r\n\r\n"));
            out.writeBytes(part.bytes());
            out.writeBytes(ascii("\r\n"));
        }
        out.writeBytes(ascii("--" + boundary + "--\r\n"));
        return out.toByteArray();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
