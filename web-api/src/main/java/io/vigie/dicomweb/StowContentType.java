package io.vigie.dicomweb;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * Checks the Content-Type of a STOW-RS request (PS3.18 10.5.1.2): Vigie takes Part 10 instances only, as
 * {@code multipart/related; type="application/dicom"}; anything else (the metadata and bulk data form included) is
 * 415. A multipart type without a boundary cannot be framed at all: 400.
 */
final class StowContentType {

    private static final String ACCEPTED = "multipart/related; type=\"application/dicom\"";

    private StowContentType() {
    }

    /** The boundary of an acceptable Content-Type. */
    static String boundary(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            throw unsupported("no Content-Type");
        }
        // Parsed by hand, not with MediaType: clients often write type=application/dicom unquoted, which RFC 9110
        // forbids ('/' is not a token character) and Spring refuses, yet which means only one thing.
        String[] fields = contentType.split(";");
        Map<String, String> parameters = new HashMap<>();
        for (int i = 1; i < fields.length; i++) {
            int equals = fields[i].indexOf('=');
            if (equals > 0) {
                parameters.put(fields[i].substring(0, equals).trim().toLowerCase(Locale.ROOT),
                        unquote(fields[i].substring(equals + 1)));
            }
        }
        if (!fields[0].trim().equalsIgnoreCase("multipart/related")
                || !"application/dicom".equalsIgnoreCase(parameters.get("type"))) {
            throw unsupported("Content-Type " + contentType);
        }
        String boundary = parameters.get("boundary");
        if (boundary == null || boundary.isEmpty() || boundary.length() > 70) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "multipart/related needs a boundary "
                    + "of 1 to 70 characters");
        }
        return boundary;
    }

    private static ResponseStatusException unsupported(String what) {
        return new ResponseStatusException(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                what + " is not supported: STOW-RS takes " + ACCEPTED + " (DICOM Part 10 instances)");
    }

    private static String unquote(String value) {
        String trimmed = value.trim();
        return trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")
                ? trimmed.substring(1, trimmed.length() - 1) : trimmed;
    }
}
