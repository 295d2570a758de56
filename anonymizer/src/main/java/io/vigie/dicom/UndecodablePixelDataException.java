package io.vigie.dicom;

/**
 * The Pixel Data of an instance cannot be turned into sample values: no codec for its transfer syntax on the class
 * path (JPEG-LS, for one), a pixel format that is not handled, or a corrupt compressed stream. The message says which.
 */
public final class UndecodablePixelDataException extends Exception {

    public UndecodablePixelDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
