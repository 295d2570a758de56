package io.vigie.research;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.archive.research.CohortCount;
import org.junit.jupiter.api.Test;

class SmallCellSuppressionTest {

    @Test
    void fewerThanTenPatientsSuppressEveryCountDerivedFromThem() {
        CohortCount nine = new CohortCount(9, 40, 80, 200);
        CohortCounts counts = SmallCellSuppression.apply(nine);
        assertThat(counts.patients()).isEqualTo("<10");
        assertThat(counts.studies()).isEqualTo("<10");
        assertThat(counts.series()).isEqualTo("<10");
        assertThat(counts.findings()).isEqualTo("<10");
    }

    @Test
    void largerCountsAreRoundedToFiveAndSmallOnesStillSuppressed() {
        CohortCounts counts = SmallCellSuppression.apply(new CohortCount(10, 12, 13, 7));
        assertThat(counts.patients()).isEqualTo(10L);
        assertThat(counts.studies()).isEqualTo(10L);
        assertThat(counts.series()).isEqualTo(15L);
        assertThat(counts.findings()).isEqualTo("<10");
        assertThat(counts.threshold()).isEqualTo(10);
        assertThat(counts.roundedTo()).isEqualTo(5);
    }

    @Test
    void theDifferenceOfTwoOverlappingCohortsDoesNotGiveTheSmallGroupBetweenThem() {
        // 22 patients, then the same cohort less a group of 3: both are 20 (that one difference tells nothing).
        assertThat(SmallCellSuppression.apply(new CohortCount(22, 22, 22, 22)).patients()).isEqualTo(20L);
        assertThat(SmallCellSuppression.apply(new CohortCount(19, 19, 19, 19)).patients()).isEqualTo(20L);
    }
}
