package io.vigie.inference.registry;

import java.io.IOException;

/** The configured model is not in the models folder; the message lists those that are. */
public final class NoSuchModelException extends IOException {

    public NoSuchModelException(String message) {
        super(message);
    }
}
