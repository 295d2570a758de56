package io.vigie.dicomweb;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Reads a {@code multipart/related} body (RFC 2387, framed as RFC 2046 5.1.1 says) one part at a time, so that a
 * STOW-RS request of many instances holds one instance in memory, not all of them. It stops with
 * {@link TooLargeException} as soon as more than the allowed bytes were read, whatever the request declared.
 * Servlet multipart support is of no use here: it parses {@code multipart/form-data} only.
 */
final class MultipartRelatedReader {

    /** One part: its Content-Type header (null when absent) and its body. */
    record Part(String contentType, byte[] body) {
    }

    /** The body does not follow multipart framing: no opening delimiter, no close delimiter, bad headers. */
    static final class MalformedException extends IOException {
        MalformedException(String message) {
            super(message);
        }
    }

    /** More than the allowed bytes were sent. */
    static final class TooLargeException extends IOException {
        TooLargeException(long maxBytes) {
            super("the request is larger than " + maxBytes + " bytes");
        }
    }

    private static final int MAX_HEADER_BYTES = 8 * 1024;

    private final InputStream in;
    private final long maxBytes;
    /** CRLF "--" boundary: the CRLF before a boundary belongs to it, not to the preceding body (RFC 2046). */
    private final byte[] delimiter;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    private long bytesRead;
    private boolean started;
    private boolean closed;

    MultipartRelatedReader(InputStream in, String boundary, long maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
    }

    /** The next part, or null after the close delimiter. */
    Part next() throws IOException {
        if (closed) {
            return null;
        }
        if (!started) {
            started = true;
            // The first delimiter may open the body without a CRLF before it: start as if one had been read.
            readUntilDelimiter(new Bytes("\r\n".getBytes(StandardCharsets.US_ASCII)), "no opening delimiter");
        }
        if (afterDelimiterComesClose()) {
            closed = true;
            return null;
        }
        String contentType = readHeaders();
        byte[] body = readUntilDelimiter(new Bytes(null), "the body ends inside a part (no close delimiter)");
        return new Part(contentType, body);
    }

    /** After a delimiter: "--" closes the body, otherwise optional white space and CRLF open a part's headers. */
    private boolean afterDelimiterComesClose() throws IOException {
        int first = read();
        if (first == '-') {
            if (read() != '-') {
                throw new MalformedException("a delimiter followed by a single '-'");
            }
            return true; // whatever follows the close delimiter is the epilogue, ignored
        }
        int c = first;
        while (c == ' ' || c == '\t') {
            c = read();
        }
        if (c != '\r' || read() != '\n') {
            throw new MalformedException("a delimiter not followed by CRLF");
        }
        return false;
    }

    /** Reads header lines up to the empty line; returns the Content-Type, or null when there is none. */
    private String readHeaders() throws IOException {
        String contentType = null;
        int headerBytes = 0;
        while (true) {
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = read()) != '\r') {
                if (c < 0) {
                    throw new MalformedException("the body ends inside a part's headers");
                }
                if (++headerBytes > MAX_HEADER_BYTES) {
                    throw new MalformedException("a part's headers are longer than " + MAX_HEADER_BYTES + " bytes");
                }
                line.append((char) c);
            }
            if (read() != '\n') {
                throw new MalformedException("a header line not ended by CRLF");
            }
            if (line.isEmpty()) {
                return contentType;
            }
            int colon = line.indexOf(":");
            if (colon <= 0) {
                throw new MalformedException("a header line without a name: " + line);
            }
            if (line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("content-type")) {
                contentType = line.substring(colon + 1).trim();
            }
        }
    }

    /** Reads up to and including the next delimiter; returns what came before it. */
    private byte[] readUntilDelimiter(Bytes content, String whenMissing) throws IOException {
        byte last = delimiter[delimiter.length - 1];
        int c;
        while ((c = read()) >= 0) {
            content.add((byte) c);
            if (c == (last & 0xFF) && content.endsWith(delimiter)) {
                return content.withoutLast(delimiter.length);
            }
        }
        throw new MalformedException(whenMissing);
    }

    private int read() throws IOException {
        if (position == limit) {
            limit = in.read(buffer);
            position = 0;
            if (limit <= 0) {
                limit = 0;
                return -1;
            }
            bytesRead += limit;
            if (bytesRead > maxBytes) {
                throw new TooLargeException(maxBytes);
            }
        }
        return buffer[position++] & 0xFF;
    }

    /** A growing byte array; {@code ByteArrayOutputStream} would synchronise on every one of millions of bytes. */
    private static final class Bytes {
        private byte[] data;
        private int size;

        Bytes(byte[] initial) {
            data = initial == null ? new byte[64 * 1024] : Arrays.copyOf(initial, Math.max(initial.length, 1024));
            size = initial == null ? 0 : initial.length;
        }

        void add(byte b) {
            if (size == data.length) {
                data = Arrays.copyOf(data, data.length * 2);
            }
            data[size++] = b;
        }

        boolean endsWith(byte[] suffix) {
            return size >= suffix.length
                    && Arrays.equals(data, size - suffix.length, size, suffix, 0, suffix.length);
        }

        byte[] withoutLast(int count) {
            return Arrays.copyOf(data, size - count);
        }
    }
}
