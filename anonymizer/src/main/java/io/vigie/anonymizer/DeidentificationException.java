package io.vigie.anonymizer;

/** An instance could not be de-identified; no partially de-identified output exists when this is thrown. */
public class DeidentificationException extends Exception {

    public DeidentificationException(String message, Throwable cause) {
        super(message, cause);
    }
}
