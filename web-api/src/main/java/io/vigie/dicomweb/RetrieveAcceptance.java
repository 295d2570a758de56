package io.vigie.dicomweb;

import io.vigie.archive.StoredInstance;
import java.util.List;
import java.util.Objects;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.server.ResponseStatusException;

/**
 * What a WADO-RS client accepts for instances (PS3.18 8.7): {@code multipart/related; type="application/dicom"},
 * optionally with a transfer-syntax. Vigie returns instances as stored (it does not transcode yet), so a request for
 * another transfer syntax gets 406 rather than a silently different encoding.
 */
record RetrieveAcceptance(String requestedTransferSyntax) {

    private static final MediaType MULTIPART_RELATED = MediaType.parseMediaType("multipart/related");

    static RetrieveAcceptance of(String accept) {
        if (accept == null || accept.isBlank()) {
            return new RetrieveAcceptance(null);
        }
        List<MediaType> types;
        try {
            types = MediaType.parseMediaTypes(accept);
        } catch (InvalidMediaTypeException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "malformed Accept header");
        }
        for (MediaType type : types) {
            if (type.isWildcardType() || (type.isCompatibleWith(MULTIPART_RELATED) && acceptsDicomParts(type))) {
                return new RetrieveAcceptance(unquote(type.getParameter("transfer-syntax")));
            }
        }
        throw new ResponseStatusException(HttpStatus.NOT_ACCEPTABLE,
                "instances are served as multipart/related; type=\"application/dicom\"");
    }

    private static boolean acceptsDicomParts(MediaType type) {
        String partType = unquote(type.getParameter("type"));
        return partType == null || partType.equalsIgnoreCase("application/dicom");
    }

    void requireStoredSyntaxes(List<StoredInstance> instances) {
        if (requestedTransferSyntax == null || requestedTransferSyntax.equals("*")) {
            return;
        }
        for (StoredInstance instance : instances) {
            if (!Objects.equals(instance.transferSyntaxUid(), requestedTransferSyntax)) {
                throw new ResponseStatusException(HttpStatus.NOT_ACCEPTABLE, "instance " + instance.sopInstanceUid()
                        + " is stored as " + instance.transferSyntaxUid() + " and Vigie does not transcode yet");
            }
        }
    }

    private static String unquote(String value) {
        return value == null ? null : value.replace("\"", "").trim();
    }
}
