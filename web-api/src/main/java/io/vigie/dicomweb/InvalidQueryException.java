package io.vigie.dicomweb;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** A query Vigie cannot answer as asked: 400 with a problem response saying why. */
class InvalidQueryException extends ResponseStatusException {

    InvalidQueryException(String reason) {
        super(HttpStatus.BAD_REQUEST, reason);
    }
}
