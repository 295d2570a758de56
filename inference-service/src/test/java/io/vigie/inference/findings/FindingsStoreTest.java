package io.vigie.inference.findings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigie.archive.ArchiveSchema;
import io.vigie.archive.InstanceAttributes;
import io.vigie.archive.index.ArchiveIndex;
import io.vigie.testing.MutableClock;
import io.vigie.testing.TestDatabase;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The analysis and finding tables: once per series and model version, replaced by a later revision, reviews. */
class FindingsStoreTest {

    private static final String STUDY = "1.2.3.9";
    private static final String SERIES = "1.2.3.9.1";
    private static final ModelVersion MODEL = new ModelVersion("lung-nodule", "1");

    private static TestDatabase database;
    private static DataSource dataSource;
    private static final MutableClock CLOCK = MutableClock.startingNow();
    private static FindingsStore store;

    @BeforeAll
    static void start() {
        database = TestDatabase.start();
        dataSource = database.dataSource();
        ArchiveSchema.migrate(dataSource);
        store = new FindingsStore(dataSource, CLOCK);
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @BeforeEach
    void oneSeries() {
        JdbcClient.create(dataSource).sql("truncate finding, analysis, job, instance, series, study, patient "
                + "restart identity cascade").update();
        new ArchiveIndex(dataSource, CLOCK).insert(new InstanceAttributes("PSEUDO", null, null, STUDY,
                LocalDate.of(2024, 5, 17), null, null, null, null, SERIES, "CT", 1, null,
                "1.2.840.10008.5.1.4.1.1.2", SERIES + ".1", 1, "1.2.840.10008.1.2.1"), "k", 1, "sha");
    }

    @Test
    void anAnalysisIsRecordedOncePerSeriesAndModelVersionAndReplacedOnlyByALaterRevision() {
        assertThat(store.record(analysed(16, "1.2.826.0.1.16", 0.8))).isTrue();
        assertThat(store.record(analysed(16, "1.2.826.0.1.16b", 0.7))).as("the same revision again").isFalse();
        assertThat(store.record(analysed(15, "1.2.826.0.1.15", 0.7))).as("an earlier revision").isFalse();
        assertThat(store.findingsOfStudy(STUDY, 10, 0)).extracting(f -> f.finding().trackingUid())
                .containsExactly("1.2.826.0.1.16");
        assertThat(store.analysedRevision(SERIES, MODEL)).hasValue(16);

        assertThat(store.record(analysed(17, "1.2.826.0.1.17", 0.6))).as("the series grew").isTrue();
        assertThat(store.analysesOfSeries(SERIES)).singleElement().satisfies(a -> {
            assertThat(a.seriesRevision()).isEqualTo(17);
            assertThat(a.timingsMs()).containsEntry("model", 5L);
            assertThat(a.findingCount()).isEqualTo(1);
        });
        assertThat(store.findingsOfStudy(STUDY, 10, 0)).extracting(f -> f.finding().trackingUid())
                .containsExactly("1.2.826.0.1.17");

        ModelVersion next = new ModelVersion(MODEL.name(), "2");
        assertThat(store.record(AnalysisResult.notAnalysable(SERIES, 17, next, "mixed image orientations", Map.of())))
                .as("another model version analyses again").isTrue();
        assertThat(store.analysesOfStudy(STUDY)).extracting(StoredAnalysis::status)
                .containsExactly(AnalysisStatus.ANALYSED, AnalysisStatus.NOT_ANALYSABLE);
    }

    @Test
    void findingsArePagedMostProbableFirstAndReviewed() {
        store.record(new AnalysisResult(SERIES, 1, MODEL, AnalysisStatus.ANALYSED, null, "1.2.826.0.9", null,
                Map.of(), List.of(finding("1.2.826.0.1", 0.5), finding("1.2.826.0.2", 0.9),
                        finding("1.2.826.0.3", 0.7))));
        assertThat(store.countFindingsOfStudy(STUDY)).isEqualTo(3);
        assertThat(store.findingsOfStudy(STUDY, 2, 0)).extracting(f -> f.finding().probability())
                .containsExactly(0.9, 0.7);
        assertThat(store.findingsOfStudy(STUDY, 2, 2)).extracting(f -> f.finding().probability())
                .containsExactly(0.5);
        assertThatThrownBy(() -> store.findingsOfStudy(STUDY, 0, 0)).isInstanceOf(IllegalArgumentException.class);

        StoredFinding reviewed = store.review("1.2.826.0.2", ReviewDecision.REJECTED, "dr-house").orElseThrow();
        assertThat(reviewed.reviewStatus()).isEqualTo("rejected");
        assertThat(reviewed.reviewedBy()).isEqualTo("dr-house");
        assertThat(reviewed.reviewedAt()).isEqualTo(CLOCK.instant());
        assertThat(reviewed.srSopInstanceUid()).isEqualTo("1.2.826.0.9");
        assertThat(store.review("1.2.826.0.404", ReviewDecision.CONFIRMED, "dr-house")).isEmpty();
        assertThat(store.finding("1.2.826.0.1").orElseThrow().reviewStatus()).isEqualTo("pending");
    }

    @Test
    void aSeriesNotInTheArchiveCannotBeRecorded() {
        assertThatThrownBy(() -> store.record(AnalysisResult.notAnalysable("1.2.3.404", 1, MODEL, "why", Map.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not in the archive");
    }

    private static AnalysisResult analysed(int revision, String trackingUid, double probability) {
        return new AnalysisResult(SERIES, revision, MODEL, AnalysisStatus.ANALYSED, null, "1.2.826.0.8." + revision,
                null, Map.of("load", 1L, "model", 5L), List.of(finding(trackingUid, probability)));
    }

    private static TrackedFinding finding(String trackingUid, double probability) {
        return new TrackedFinding(trackingUid, "nodule", 10, 20, -30, 8, 268, probability);
    }
}
