package io.vigie.dicomweb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.web.server.ResponseStatusException;

/** What a STOW-RS request must be sent as, and what its response is written in. */
class StowNegotiationTest {

    @Test
    void acceptsPart10MultipartOnly() {
        assertThat(StowContentType.boundary("multipart/related; type=\"application/dicom\"; boundary=\"a b\""))
                .isEqualTo("a b");
        assertThat(StowContentType.boundary("Multipart/Related; boundary=x; type=application/DICOM"))
                .isEqualTo("x");
        assertThatThrownBy(() -> StowContentType.boundary("multipart/related; type=\"application/dicom+xml\"; "
                + "boundary=x")).isInstanceOfSatisfying(ResponseStatusException.class,
                        e -> assertThat(e.getStatusCode().value()).isEqualTo(415));
        assertThatThrownBy(() -> StowContentType.boundary("application/dicom"))
                .isInstanceOfSatisfying(ResponseStatusException.class,
                        e -> assertThat(e.getStatusCode().value()).isEqualTo(415));
        assertThatThrownBy(() -> StowContentType.boundary("multipart/related; type=\"application/dicom\""))
                .isInstanceOfSatisfying(ResponseStatusException.class,
                        e -> assertThat(e.getStatusCode().value()).isEqualTo(400));
    }

    @Test
    void choosesTheResponseFormatByAccept() {
        assertThat(StowResponseFormat.of(null)).isEqualTo(StowResponseFormat.JSON);
        assertThat(StowResponseFormat.of("*/*")).isEqualTo(StowResponseFormat.JSON);
        assertThat(StowResponseFormat.of("application/json")).isEqualTo(StowResponseFormat.JSON);
        assertThat(StowResponseFormat.of("application/dicom+xml")).isEqualTo(StowResponseFormat.XML);
        assertThat(StowResponseFormat.of("application/dicom+json;q=0.5, application/dicom+xml"))
                .isEqualTo(StowResponseFormat.XML);
        assertThatThrownBy(() -> StowResponseFormat.of("text/html"))
                .isInstanceOfSatisfying(ResponseStatusException.class,
                        e -> assertThat(e.getStatusCode().value()).isEqualTo(406));
    }
}
