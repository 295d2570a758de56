package io.vigie.archive.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.archive.ArchiveSchema;
import io.vigie.testing.MutableClock;
import io.vigie.testing.TestDatabase;
import java.time.Duration;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Upgrading an archive that holds series: they count as announced, so no job is queued for the archive's past. */
class SeriesCompletionMigrationTest {

    @Test
    void seriesArchivedBeforeTheMigrationAreAnnouncedAtTheirInstanceCount() {
        try (TestDatabase database = TestDatabase.start()) {
            DataSource dataSource = database.dataSource();
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target("2").load()
                    .migrate();
            JdbcClient jdbc = JdbcClient.create(dataSource);
            jdbc.sql("insert into patient (patient_id) values ('P')").update();
            jdbc.sql("insert into study (patient_fk, study_instance_uid) values (1, '1.2')").update();
            jdbc.sql("insert into series (study_fk, series_instance_uid, modality) values (1, '1.2.1', 'CT'), "
                    + "(1, '1.2.2', 'CT')").update();
            for (String sop : new String[] {"1.2.1.1", "1.2.1.2"}) {
                jdbc.sql("insert into instance (series_fk, sop_instance_uid, sop_class_uid, transfer_syntax_uid, "
                        + "storage_key, size_bytes, sha256) values (1, ?, '1.2.3', '1.2.840.10008.1.2.1', ?, 1, 'x')")
                        .params(sop, sop).update();
            }

            ArchiveSchema.migrate(dataSource);

            assertThat(jdbc.sql("select revision, announced_revision from series order by pk")
                    .query((rs, row) -> rs.getInt(1) + "/" + rs.getInt(2)).list()).containsExactly("2/2", "0/0");
            MutableClock clock = MutableClock.startingNow();
            clock.advance(Duration.ofDays(1));
            JobQueue jobs = new JobQueue(dataSource, clock, new JobQueue.Settings(1, Duration.ofSeconds(1),
                    Duration.ofSeconds(1), Duration.ofMinutes(1)));
            assertThat(new SeriesCompletionMonitor(jobs, Duration.ofSeconds(30),
                    SeriesCompletionMonitor.DEFAULT_JOB_KINDS).announceCompleteSeries()).isZero();
        }
    }
}
