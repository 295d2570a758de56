package io.vigie.archive.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.archive.ArchiveSchema;
import io.vigie.archive.InstanceAttributes;
import io.vigie.archive.query.IndexQuery;
import io.vigie.archive.query.IndexRecord;
import io.vigie.archive.query.IndexedAttribute;
import io.vigie.archive.query.QueryLevel;
import io.vigie.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Each study's site (V7): backfilled on upgrade, recorded on insert, and what narrows queries and retrieves. */
class StudySiteTest {

    @Test
    void studiesIndexedBeforeV7BelongToTheDefaultSiteAndSoDoStudiesStoredWithoutOne() {
        try (TestDatabase database = TestDatabase.start()) {
            DataSource dataSource = database.dataSource();
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target("6").load()
                    .migrate();
            JdbcClient jdbc = JdbcClient.create(dataSource);
            jdbc.sql("insert into patient (patient_id) values ('P')").update();
            jdbc.sql("insert into study (patient_fk, study_instance_uid) values (1, '1.2')").update();

            ArchiveSchema.migrate(dataSource, "nord");

            ArchiveIndex index = new ArchiveIndex(dataSource);
            assertThat(index.siteOfStudy("1.2")).hasValue("nord");
            index.insert(instance("P2", "1.3", "1.3.1", "1.3.1.1"), "k", 1, "0".repeat(64));
            assertThat(index.siteOfStudy("1.3")).hasValue("nord");
            assertThat(index.siteOfStudy("1.4")).isEmpty();
        }
    }

    @Test
    void queriesAndRetrievesSeeTheStudiesOfTheGivenSitesOnly() {
        try (TestDatabase database = TestDatabase.start()) {
            DataSource dataSource = database.dataSource();
            ArchiveSchema.migrate(dataSource);
            ArchiveIndex index = new ArchiveIndex(dataSource);
            index.insert(instance("PA", "1.5", "1.5.1", "1.5.1.1"), "a", 1, "0".repeat(64), "site-a");
            index.insert(instance("PB", "1.6", "1.6.1", "1.6.1.1"), "b", 1, "0".repeat(64), "site-b");
            // A study keeps its first site, whoever sends more of it.
            index.insert(instance("PA", "1.5", "1.5.1", "1.5.1.2"), "a2", 1, "0".repeat(64), "site-b");
            assertThat(index.siteOfStudy("1.5")).hasValue("site-a");
            assertThat(index.sitesOfPatient("PA")).containsExactly("site-a");

            assertThat(uids(index, QueryLevel.STUDY, null)).containsExactlyInAnyOrder("1.5", "1.6");
            assertThat(uids(index, QueryLevel.STUDY, Set.of("site-b"))).containsExactly("1.6");
            assertThat(uids(index, QueryLevel.PATIENT, Set.of("site-a"))).containsExactly("PA");
            assertThat(uids(index, QueryLevel.IMAGE, Set.of("site-a"))).containsExactly("1.5.1.1", "1.5.1.2");
            assertThat(uids(index, QueryLevel.SERIES, Set.of())).isEmpty();

            assertThat(index.findInstances("1.5", null, null, Set.of("site-a"))).hasSize(2);
            assertThat(index.findInstances("1.5", null, null, Set.of("site-b"))).isEmpty();
            assertThat(index.findInstances("1.5", "1.5.1", "1.5.1.1", Set.of("site-b", "site-a"))).hasSize(1);
            assertThat(index.findInstances("1.5", null, null, Set.of())).isEmpty();
            assertThat(index.findInstances("1.5", null, null, null)).hasSize(2);
        }
    }

    private static List<Object> uids(ArchiveIndex index, QueryLevel level, Set<String> sites) {
        IndexedAttribute key = IndexedAttribute.uniqueKey(level);
        return index.find(new IndexQuery(level, Map.of(), sites), Set.of(key), 100).stream()
                .map((IndexRecord r) -> r.value(key)).toList();
    }

    private static InstanceAttributes instance(String patient, String study, String series, String sop) {
        return new InstanceAttributes(patient, null, null, study, null, null, null, null, null, series, "CT", 1, null,
                "1.2.840.10008.5.1.4.1.1.2", sop, 1, "1.2.840.10008.1.2.1");
    }
}
