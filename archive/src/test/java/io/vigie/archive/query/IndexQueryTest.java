package io.vigie.archive.query;

import static io.vigie.archive.query.IndexedAttribute.ACCESSION_NUMBER;
import static io.vigie.archive.query.IndexedAttribute.INSTANCE_NUMBER;
import static io.vigie.archive.query.IndexedAttribute.MODALITIES_IN_STUDY;
import static io.vigie.archive.query.IndexedAttribute.MODALITY;
import static io.vigie.archive.query.IndexedAttribute.NUMBER_OF_PATIENT_RELATED_INSTANCES;
import static io.vigie.archive.query.IndexedAttribute.NUMBER_OF_PATIENT_RELATED_STUDIES;
import static io.vigie.archive.query.IndexedAttribute.NUMBER_OF_SERIES_RELATED_INSTANCES;
import static io.vigie.archive.query.IndexedAttribute.NUMBER_OF_STUDY_RELATED_INSTANCES;
import static io.vigie.archive.query.IndexedAttribute.PATIENT_ID;
import static io.vigie.archive.query.IndexedAttribute.PATIENT_NAME;
import static io.vigie.archive.query.IndexedAttribute.SERIES_INSTANCE_UID;
import static io.vigie.archive.query.IndexedAttribute.SERIES_NUMBER;
import static io.vigie.archive.query.IndexedAttribute.SOP_INSTANCE_UID;
import static io.vigie.archive.query.IndexedAttribute.STUDY_DATE;
import static io.vigie.archive.query.IndexedAttribute.STUDY_INSTANCE_UID;
import static io.vigie.archive.query.IndexedAttribute.STUDY_TIME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigie.archive.ArchiveSchema;
import io.vigie.archive.InstanceAttributes;
import io.vigie.archive.StoredInstance;
import io.vigie.archive.index.ArchiveIndex;
import io.vigie.testing.TestDatabase;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The C-FIND / C-MOVE side of the index: each kind of match, at each level, on a small fixed archive. */
class IndexQueryTest {

    private static TestDatabase database;
    private static ArchiveIndex index;

    @BeforeAll
    static void indexTwoPatients() {
        database = TestDatabase.start();
        ArchiveSchema.migrate(database.dataSource());
        index = new ArchiveIndex(database.dataSource());
        // Patient VG1: a CT study of two series (2 + 1 instances); patient VG2: an MR study of one instance.
        LocalDate may17 = LocalDate.of(2024, 5, 17);
        put("VG1", "Vg1^Pseudo", "2.25.1", may17, "093000.5", "ACC_1", "2.25.1.1", "CT", 1, "2.25.1.1.1", 1);
        put("VG1", "Vg1^Pseudo", "2.25.1", may17, "093000.5", "ACC_1", "2.25.1.1", "CT", 1, "2.25.1.1.2", 2);
        put("VG1", "Vg1^Pseudo", "2.25.1", may17, "093000.5", "ACC_1", "2.25.1.2", "SR", 99, "2.25.1.2.1", 1);
        put("VG2", "Vg2^Pseudo", "2.25.2", LocalDate.of(2023, 1, 2), "1415", "ACC%2", "2.25.2.1", "MR", 3,
                "2.25.2.1.1", 7);
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @Test
    void matchesSingleValuesWildcardsAndListsAtTheStudyLevel() {
        assertThat(studies(Map.of(PATIENT_ID, new Match.Single("VG1")))).containsExactly("2.25.1");
        assertThat(studies(Map.of(PATIENT_ID, new Match.Wildcard("VG?")))).containsExactly("2.25.1", "2.25.2");
        assertThat(studies(Map.of(PATIENT_NAME, new Match.Wildcard("vg2*")))).containsExactly("2.25.2");
        assertThat(studies(Map.of(PATIENT_NAME, new Match.Single("VG1^PSEUDO")))).containsExactly("2.25.1");
        assertThat(studies(Map.of(PATIENT_NAME, new Match.AnyOf(List.of("vg2^pseudo", "X")))))
                .containsExactly("2.25.2");
        // LIKE's own wildcards in a value are literal characters.
        assertThat(studies(Map.of(ACCESSION_NUMBER, new Match.Wildcard("ACC_*")))).containsExactly("2.25.1");
        assertThat(studies(Map.of(ACCESSION_NUMBER, new Match.Single("ACC%2")))).containsExactly("2.25.2");
        assertThat(studies(Map.of(STUDY_INSTANCE_UID, new Match.AnyOf(List.of("2.25.2", "2.25.9")))))
                .containsExactly("2.25.2");
        assertThat(studies(Map.of(MODALITIES_IN_STUDY, new Match.AnyOf(List.of("SR", "US")))))
                .containsExactly("2.25.1");
        assertThat(studies(Map.of(MODALITIES_IN_STUDY, new Match.Single("MR"), PATIENT_ID, new Match.Single("VG1"))))
                .isEmpty();
    }

    @Test
    void matchesDateAndTimeRanges() {
        assertThat(studies(Map.of(STUDY_DATE, Match.Range.of(LocalDate.of(2024, 1, 1), null))))
                .containsExactly("2.25.1");
        assertThat(studies(Map.of(STUDY_DATE, Match.Range.of(null, LocalDate.of(2023, 1, 2)))))
                .containsExactly("2.25.2");
        assertThat(studies(Map.of(STUDY_DATE, new Match.Single(LocalDate.of(2024, 5, 17))))).containsExactly("2.25.1");
        // Stored times of different precisions compare as HHMMSS: "1415" is 14:15:00.
        assertThat(studies(Map.of(STUDY_TIME, new Match.Range("140000", "141500")))).containsExactly("2.25.2");
        assertThat(studies(Map.of(STUDY_TIME, new Match.Single("093000")))).containsExactly("2.25.1");
    }

    @Test
    void returnsTheAttributesAskedForWithCounts() {
        List<IndexRecord> patients = index.find(new IndexQuery(QueryLevel.PATIENT, Map.of()),
                Set.of(PATIENT_ID, NUMBER_OF_PATIENT_RELATED_STUDIES, NUMBER_OF_PATIENT_RELATED_INSTANCES), 10);
        assertThat(patients).hasSize(2);
        assertThat(patients.get(0).value(PATIENT_ID)).isEqualTo("VG1");
        assertThat(patients.get(0).value(NUMBER_OF_PATIENT_RELATED_STUDIES)).isEqualTo(1);
        assertThat(patients.get(0).value(NUMBER_OF_PATIENT_RELATED_INSTANCES)).isEqualTo(3);

        List<IndexRecord> study = index.find(new IndexQuery(QueryLevel.STUDY, Map.of(PATIENT_ID,
                new Match.Single("VG1"))), Set.of(STUDY_DATE, MODALITIES_IN_STUDY, NUMBER_OF_STUDY_RELATED_INSTANCES,
                ACCESSION_NUMBER), 10);
        assertThat(study).singleElement().satisfies(s -> {
            assertThat(s.value(STUDY_DATE)).isEqualTo(LocalDate.of(2024, 5, 17));
            assertThat(s.value(MODALITIES_IN_STUDY)).isEqualTo(List.of("CT", "SR"));
            assertThat(s.value(NUMBER_OF_STUDY_RELATED_INSTANCES)).isEqualTo(3);
        });

        List<IndexRecord> series = index.find(new IndexQuery(QueryLevel.SERIES, Map.of(STUDY_INSTANCE_UID,
                new Match.Single("2.25.1"))), Set.of(SERIES_INSTANCE_UID, MODALITY, NUMBER_OF_SERIES_RELATED_INSTANCES,
                PATIENT_ID), 10);
        assertThat(series).extracting(r -> r.value(SERIES_INSTANCE_UID)).containsExactly("2.25.1.1", "2.25.1.2");
        assertThat(series).extracting(r -> r.value(NUMBER_OF_SERIES_RELATED_INSTANCES)).containsExactly(2, 1);
        assertThat(series).extracting(r -> r.value(PATIENT_ID)).containsOnly("VG1");

        assertThat(index.find(new IndexQuery(QueryLevel.IMAGE, Map.of(SERIES_NUMBER, new Match.Single(1),
                INSTANCE_NUMBER, new Match.Single(2))), Set.of(SOP_INSTANCE_UID), 10))
                .extracting(r -> r.value(SOP_INSTANCE_UID)).containsExactly("2.25.1.1.2");
        assertThat(index.find(new IndexQuery(QueryLevel.IMAGE, Map.of()), Set.of(SOP_INSTANCE_UID), 2)).hasSize(2);
    }

    @Test
    void findsEveryInstanceBelowTheMatchingEntities() {
        List<StoredInstance> study = index.findInstances(new IndexQuery(QueryLevel.STUDY,
                Map.of(STUDY_INSTANCE_UID, new Match.Single("2.25.1"))));
        assertThat(study).extracting(StoredInstance::sopInstanceUid)
                .containsExactly("2.25.1.1.1", "2.25.1.1.2", "2.25.1.2.1");
        assertThat(index.findInstances(new IndexQuery(QueryLevel.PATIENT, Map.of(PATIENT_ID,
                new Match.Single("VG2"))))).extracting(StoredInstance::sopInstanceUid).containsExactly("2.25.2.1.1");
        assertThat(index.findInstances(new IndexQuery(QueryLevel.IMAGE, Map.of(SOP_INSTANCE_UID,
                new Match.Single("2.25.404"))))).isEmpty();
    }

    @Test
    void refusesAttributesBelowTheLevelOrMatchesOnCounts() {
        assertThatThrownBy(() -> new IndexQuery(QueryLevel.STUDY, Map.of(MODALITY, new Match.Single("CT"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IndexQuery(QueryLevel.STUDY,
                Map.of(NUMBER_OF_STUDY_RELATED_INSTANCES, new Match.Single(1))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> index.find(new IndexQuery(QueryLevel.PATIENT, Map.of()), Set.of(STUDY_DATE), 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static List<Object> studies(Map<IndexedAttribute, Match> matches) {
        return index.find(new IndexQuery(QueryLevel.STUDY, matches), Set.of(STUDY_INSTANCE_UID), 100).stream()
                .map(r -> r.value(STUDY_INSTANCE_UID)).toList();
    }

    private static void put(String patient, String name, String study, LocalDate date, String time, String accession,
            String series, String modality, int seriesNumber, String sop, int instanceNumber) {
        index.insert(new InstanceAttributes(patient, name, "O", study, date, time, accession, "1", "CHEST", series,
                modality, seriesNumber, null, "1.2.840.10008.5.1.4.1.1.2", sop, instanceNumber,
                "1.2.840.10008.1.2.1"), study + "/" + series + "/" + sop + ".dcm", 10, "0".repeat(64));
    }
}
