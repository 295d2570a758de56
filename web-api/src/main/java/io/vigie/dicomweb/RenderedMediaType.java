package io.vigie.dicomweb;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.server.ResponseStatusException;

/** The image type of a rendered resource (PS3.18 8.7.4): PNG unless the client prefers JPEG; others are 406. */
enum RenderedMediaType {
    PNG("image/png", "png"),
    JPEG("image/jpeg", "jpeg");

    private final String mediaType;
    private final String imageIoFormat;

    RenderedMediaType(String mediaType, String imageIoFormat) {
        this.mediaType = mediaType;
        this.imageIoFormat = imageIoFormat;
    }

    String mediaType() {
        return mediaType;
    }

    String imageIoFormat() {
        return imageIoFormat;
    }

    static RenderedMediaType of(String accept) {
        if (accept == null || accept.isBlank()) {
            return PNG;
        }
        List<MediaType> types;
        try {
            types = new ArrayList<>(MediaType.parseMediaTypes(accept));
        } catch (InvalidMediaTypeException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "malformed Accept header");
        }
        types.sort(Comparator.comparingDouble(MediaType::getQualityValue).reversed());
        for (MediaType type : types) {
            if (type.getQualityValue() == 0) {
                continue;
            }
            if (type.isWildcardType() || (type.getType().equals("image") && type.isWildcardSubtype())
                    || type.getSubtype().equals("png") && type.getType().equals("image")) {
                return PNG;
            }
            if (type.getType().equals("image") && type.getSubtype().equals("jpeg")) {
                return JPEG;
            }
        }
        throw new ResponseStatusException(HttpStatus.NOT_ACCEPTABLE, "rendered frames are image/png or image/jpeg");
    }
}
