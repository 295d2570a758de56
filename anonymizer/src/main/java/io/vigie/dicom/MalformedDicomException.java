package io.vigie.dicom;

/** A data set that cannot be parsed (truncated, bad length, bad VR); the message says why. */
public class MalformedDicomException extends Exception {

    public MalformedDicomException(String message, Throwable cause) {
        super(message, cause);
    }
}
