package io.vigie.dicomweb;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.server.ResponseStatusException;

/** The two encodings of a STOW-RS response (PS3.18 10.5.3), chosen by the request's Accept header. */
enum StowResponseFormat {

    JSON(MediaType.parseMediaType("application/dicom+json")),
    XML(MediaType.parseMediaType("application/dicom+xml"));

    private final MediaType mediaType;

    StowResponseFormat(MediaType mediaType) {
        this.mediaType = mediaType;
    }

    /** The acceptable format of highest quality; JSON when there is no Accept or it allows anything. */
    static StowResponseFormat of(String accept) {
        if (accept == null || accept.isBlank()) {
            return JSON;
        }
        List<MediaType> types;
        try {
            types = MediaType.parseMediaTypes(accept);
        } catch (InvalidMediaTypeException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "malformed Accept header");
        }
        StowResponseFormat best = null;
        double bestQuality = 0;
        for (MediaType type : types) {
            StowResponseFormat format = XML.mediaType.equalsTypeAndSubtype(type) ? XML
                    : type.includes(JSON.mediaType) || MediaType.APPLICATION_JSON.equalsTypeAndSubtype(type) ? JSON
                    : null;
            if (format != null && type.getQualityValue() > bestQuality) {
                best = format;
                bestQuality = type.getQualityValue();
            }
        }
        if (best == null) {
            throw new ResponseStatusException(HttpStatus.NOT_ACCEPTABLE,
                    "a STOW-RS response is application/dicom+json or application/dicom+xml");
        }
        return best;
    }

    MediaType mediaType() {
        return mediaType;
    }

    /** The body: the DICOM JSON map as it is (Jackson writes it), or its Native DICOM Model text. */
    Object body(Map<String, Object> dataSet) {
        return this == XML ? DicomXml.write(dataSet) : dataSet;
    }
}
