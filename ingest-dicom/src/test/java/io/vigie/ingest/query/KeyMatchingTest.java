package io.vigie.ingest.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigie.archive.query.IndexQuery;
import io.vigie.archive.query.IndexedAttribute;
import io.vigie.archive.query.Match;
import io.vigie.archive.query.QueryLevel;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** PS3.4 C.2.2.2 matching, key by key, without a database. */
class KeyMatchingTest {

    @Test
    void readsEachKindOfMatching() throws Exception {
        assertThat(KeyMatching.match(IndexedAttribute.PATIENT_ID, "")).isEmpty();
        assertThat(KeyMatching.match(IndexedAttribute.PATIENT_ID, "**")).isEmpty();
        assertThat(KeyMatching.match(IndexedAttribute.PATIENT_ID, "VG1")).contains(new Match.Single("VG1"));
        assertThat(KeyMatching.match(IndexedAttribute.PATIENT_NAME, "Vg*")).contains(new Match.Wildcard("Vg*"));
        assertThat(KeyMatching.match(IndexedAttribute.STUDY_INSTANCE_UID, "1.2\\1.3"))
                .contains(new Match.AnyOf(List.of("1.2", "1.3")));
        assertThat(KeyMatching.match(IndexedAttribute.MODALITIES_IN_STUDY, "CT\\MR"))
                .contains(new Match.AnyOf(List.of("CT", "MR")));
        assertThat(KeyMatching.match(IndexedAttribute.SERIES_NUMBER, "+3")).contains(new Match.Single(3));
        assertThat(KeyMatching.match(IndexedAttribute.NUMBER_OF_STUDY_RELATED_INSTANCES, "5")).isEmpty();
    }

    @Test
    void readsDateAndTimeRanges() throws Exception {
        assertThat(KeyMatching.match(IndexedAttribute.STUDY_DATE, "20240517"))
                .contains(new Match.Single(LocalDate.of(2024, 5, 17)));
        assertThat(KeyMatching.match(IndexedAttribute.STUDY_DATE, "20240101-20241231"))
                .contains(Match.Range.of(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31)));
        assertThat(KeyMatching.match(IndexedAttribute.STUDY_DATE, "-20240101"))
                .contains(Match.Range.of(null, LocalDate.of(2024, 1, 1)));
        // A time matches to the precision given.
        assertThat(KeyMatching.match(IndexedAttribute.STUDY_TIME, "14")).contains(new Match.Range("140000", "149999"));
        assertThat(KeyMatching.match(IndexedAttribute.STUDY_TIME, "0930-10:15:30.25"))
                .contains(new Match.Range("093000", "101530"));
    }

    @Test
    void refusesValuesThatCannotBeMatchedAsTheirVrSays() {
        assertRefused(IndexedAttribute.STUDY_DATE, "yesterday", 0xC000);
        assertRefused(IndexedAttribute.STUDY_DATE, "2024-01-01-2025", 0xC000);
        assertRefused(IndexedAttribute.STUDY_INSTANCE_UID, "1.2.*", 0xC000);
        assertRefused(IndexedAttribute.INSTANCE_NUMBER, "one", 0xC000);
        assertRefused(IndexedAttribute.STUDY_TIME, "25h", 0xC000);
        assertRefused(IndexedAttribute.PATIENT_ID, "A*\\B", 0xC000);
    }

    @Test
    void checksTheLevelAgainstTheModel() throws Exception {
        assertThat(KeyMatching.level(QueryRetrieveModel.PATIENT_ROOT, identifier("PATIENT")))
                .isEqualTo(QueryLevel.PATIENT);
        assertThatThrownBy(() -> KeyMatching.level(QueryRetrieveModel.STUDY_ROOT, identifier("PATIENT")))
                .isInstanceOfSatisfying(QueryRefusedException.class, e -> assertThat(e.status().code())
                        .isEqualTo(0xA900));
        assertThatThrownBy(() -> KeyMatching.level(QueryRetrieveModel.STUDY_ROOT, identifier("")))
                .isInstanceOfSatisfying(QueryRefusedException.class, e -> assertThat(e.status().comment())
                        .contains("no QueryRetrieveLevel"));
    }

    @Test
    void matchesKeysOfTheLevelAndAboveOnly() throws Exception {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("PatientID", "VG1");
        keys.put("Modality", "CT"); // below the STUDY level: returned empty, not matched
        keys.put("PatientBirthDate", "19700101"); // not in the index: not matched
        IndexQuery query = KeyMatching.indexQuery(QueryLevel.STUDY, new QueryIdentifier("STUDY", keys));
        assertThat(query.matches()).containsOnlyKeys(IndexedAttribute.PATIENT_ID);
    }

    private static QueryIdentifier identifier(String level) {
        return new QueryIdentifier(level, Map.of());
    }

    private static void assertRefused(IndexedAttribute attribute, String value, int status) {
        assertThatThrownBy(() -> KeyMatching.match(attribute, value))
                .isInstanceOfSatisfying(QueryRefusedException.class, e -> {
                    assertThat(e.status().code()).isEqualTo(status);
                    assertThat(e.status().comment()).startsWith(attribute.keyword());
                });
    }
}
