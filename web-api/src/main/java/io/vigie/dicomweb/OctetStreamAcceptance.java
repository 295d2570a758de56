package io.vigie.dicomweb;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.server.ResponseStatusException;

/**
 * Whether a frames or bulkdata client accepts what Vigie sends (PS3.18 8.7.3): {@code multipart/related;
 * type="application/octet-stream"}, uncompressed little endian ({@value #EXPLICIT_LITTLE_ENDIAN} if a transfer-syntax
 * is named). Anything else is 406: Vigie neither compresses frames nor sends them in another syntax.
 */
final class OctetStreamAcceptance {

    static final String EXPLICIT_LITTLE_ENDIAN = "1.2.840.10008.1.2.1";

    private OctetStreamAcceptance() {
    }

    static void require(String accept) {
        if (accept == null || accept.isBlank()) {
            return;
        }
        List<MediaType> types;
        try {
            types = MediaType.parseMediaTypes(accept);
        } catch (InvalidMediaTypeException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "malformed Accept header");
        }
        for (MediaType type : types) {
            if (type.isWildcardType() || (type.getType().equals("multipart") && type.getSubtype().equals("related")
                    && partTypeOk(unquote(type.getParameter("type")))
                    && syntaxOk(unquote(type.getParameter("transfer-syntax"))))) {
                return;
            }
        }
        throw new ResponseStatusException(HttpStatus.NOT_ACCEPTABLE, "frames and bulk data are served as "
                + "multipart/related; type=\"application/octet-stream\"; transfer-syntax=" + EXPLICIT_LITTLE_ENDIAN);
    }

    private static boolean partTypeOk(String type) {
        return type == null || type.equalsIgnoreCase("application/octet-stream") || type.equals("*/*");
    }

    private static boolean syntaxOk(String syntax) {
        return syntax == null || syntax.equals("*") || syntax.equals(EXPLICIT_LITTLE_ENDIAN);
    }

    private static String unquote(String value) {
        return value == null ? null : value.replace("\"", "").trim();
    }
}
