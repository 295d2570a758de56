package io.vigie.inference.worker;

/** The configured model cannot be loaded: the inference role stops start-up with this message. */
public final class ModelUnavailableException extends RuntimeException {

    public ModelUnavailableException(String message) {
        super(message);
    }

    public ModelUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
