package io.vigie.dicomweb;

import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The DICOMweb base URL of the current request ({@code http://host:port/dicomweb}), for RetrieveURL and BulkDataURI. */
final class DicomWebBase {

    private DicomWebBase() {
    }

    static String current() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().path("/dicomweb").toUriString();
    }
}
