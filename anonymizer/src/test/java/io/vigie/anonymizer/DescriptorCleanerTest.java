package io.vigie.anonymizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class DescriptorCleanerTest {

    private final DescriptorCleaner cleaner = new DescriptorCleaner(Set.of("biphasique"));

    @Test
    void keepsImagingTermsAndSmallMeasurements() {
        assertThat(cleaner.clean("CHEST CT W/O CONTRAST 1.25mm")).isEqualTo("CHEST CT W/O CONTRAST 1.25mm");
        assertThat(cleaner.clean("Thorax sans injection, coupes fines")).isEqualTo(
                "Thorax sans injection coupes fines");
        assertThat(cleaner.clean("TAP biphasique")).isEqualTo("TAP biphasique");
    }

    @Test
    void dropsNamesIdentifiersDatesAndPlaces() {
        assertThat(cleaner.clean("CT THORAX Dr Dupont 12345678")).isEqualTo("CT THORAX");
        assertThat(cleaner.clean("Jeanne Martin 2024-01-15 Hopital Lariboisiere")).isEmpty();
        assertThat(cleaner.clean("follow up 2023 tel 06 12 34 56 78, 2.5 mm")).isEqualTo("follow up 2.5 mm");
    }
}
