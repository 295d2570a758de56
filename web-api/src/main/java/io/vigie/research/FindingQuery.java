package io.vigie.research;

import io.vigie.archive.research.FindingFilter;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * The research API's filter parameters, as the controller binds them (a value of the wrong type is refused by Spring
 * with 400 before this), checked into a {@link FindingFilter}.
 *
 * @param minDiameterMm {@code minDiameterMm}: diameter at least (mm)
 * @param maxDiameterMm {@code maxDiameterMm}: diameter at most (mm)
 * @param type          {@code type}: lesion type, e.g. {@code nodule}
 * @param reviewStatus  {@code reviewStatus}: {@code pending}, {@code confirmed} or {@code rejected}
 * @param model         {@code model}: the detection model's name
 * @param modelVersion  {@code modelVersion}: the detection model's version
 * @param fromDay       {@code fromDay}: the study at least this many days after the patient's first study
 * @param toDay         {@code toDay}: at most this many days after it
 */
record FindingQuery(Double minDiameterMm, Double maxDiameterMm, String type, String reviewStatus, String model,
                    String modelVersion, Integer fromDay, Integer toDay) {

    FindingFilter filter() {
        if (negative(minDiameterMm) || negative(maxDiameterMm)) {
            throw badRequest("diameters must not be negative");
        }
        if ((fromDay != null && fromDay < 0) || (toDay != null && toDay < 0)) {
            throw badRequest("days are counted from the patient's first study: they must not be negative");
        }
        try {
            return new FindingFilter(minDiameterMm, maxDiameterMm, blankToNull(type), blankToNull(reviewStatus),
                    blankToNull(model), blankToNull(modelVersion), fromDay, toDay);
        } catch (IllegalArgumentException e) {
            throw badRequest(e.getMessage());
        }
    }

    private static boolean negative(Double value) {
        return value != null && (value < 0 || value.isNaN());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    static ResponseStatusException badRequest(String detail) {
        return new ResponseStatusException(HttpStatus.BAD_REQUEST, detail);
    }
}
