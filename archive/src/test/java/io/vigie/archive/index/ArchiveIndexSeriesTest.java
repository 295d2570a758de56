package io.vigie.archive.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.archive.ArchiveSchema;
import io.vigie.archive.InstanceAttributes;
import io.vigie.testing.TestDatabase;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Instances of a series already indexed take the short way (one statement for the instance row and its series'
 * revision); these tests hold it to what the long way does.
 */
class ArchiveIndexSeriesTest {

    private static TestDatabase database;
    private static JdbcClient jdbc;

    @BeforeAll
    static void startDatabase() {
        database = TestDatabase.start();
        ArchiveSchema.migrate(database.dataSource());
        jdbc = JdbcClient.create(database.dataSource());
    }

    @AfterAll
    static void stopDatabase() {
        database.close();
    }

    @Test
    void everyNewInstanceOfAKnownSeriesMovesItsRevisionAndAResentOneDoesNot() {
        ArchiveIndex index = new ArchiveIndex(database.dataSource());
        for (int i = 1; i <= 3; i++) {
            assertThat(index.insert(instance("1.2.3.7", "1.2.3.7.1", "1.2.3.7.1." + i), "k" + i, 10, "sha" + i))
                    .isTrue();
        }
        assertThat(index.insert(instance("1.2.3.7", "1.2.3.7.1", "1.2.3.7.1.2"), "k2", 10, "sha2")).isFalse();

        assertThat(revision("1.2.3.7.1")).isEqualTo(3);
        assertThat(jdbc.sql("select count(*) from instance i join series s on s.pk = i.series_fk "
                + "where s.series_instance_uid = '1.2.3.7.1'").query(Integer.class).single()).isEqualTo(3);
    }

    @Test
    void aSeriesIndexedByAnotherProcessIsFoundAndARemovedOneIsCreatedAgain() {
        ArchiveIndex first = new ArchiveIndex(database.dataSource());
        ArchiveIndex second = new ArchiveIndex(database.dataSource());
        first.insert(instance("1.2.3.8", "1.2.3.8.1", "1.2.3.8.1.1"), "k", 10, "sha");
        assertThat(second.insert(instance("1.2.3.8", "1.2.3.8.1", "1.2.3.8.1.2"), "k", 10, "sha")).isTrue();
        assertThat(revision("1.2.3.8.1")).isEqualTo(2);

        // The series the first index remembers is removed (an administrator's clean-up): the next instance must not
        // fail on the forgotten row, it recreates the series.
        jdbc.sql("delete from instance where series_fk = (select pk from series where series_instance_uid = ?)")
                .param("1.2.3.8.1").update();
        jdbc.sql("delete from job where series_fk = (select pk from series where series_instance_uid = ?)")
                .param("1.2.3.8.1").update();
        jdbc.sql("delete from series where series_instance_uid = ?").param("1.2.3.8.1").update();
        assertThat(first.insert(instance("1.2.3.8", "1.2.3.8.1", "1.2.3.8.1.3"), "k", 10, "sha")).isTrue();
        assertThat(revision("1.2.3.8.1")).isEqualTo(1);
    }

    private static int revision(String seriesUid) {
        return jdbc.sql("select revision from series where series_instance_uid = ?").param(seriesUid)
                .query(Integer.class).single();
    }

    private static InstanceAttributes instance(String study, String series, String sop) {
        return new InstanceAttributes("PSEUDO-S", "PSEUDO-S", "O", study, LocalDate.of(2024, 5, 17), "093000", null,
                "1", "CT CHEST", series, "CT", 1, "AXIAL", "1.2.840.10008.5.1.4.1.1.2", sop, 1,
                "1.2.840.10008.1.2.1");
    }
}
