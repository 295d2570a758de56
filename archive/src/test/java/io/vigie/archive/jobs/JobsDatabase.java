package io.vigie.archive.jobs;

import io.vigie.archive.ArchiveSchema;
import io.vigie.archive.InstanceAttributes;
import io.vigie.archive.index.ArchiveIndex;
import io.vigie.testing.TestDatabase;
import java.time.Clock;
import java.time.LocalDate;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The index and job tables on an embedded PostgreSQL, emptied between tests, and a way to index instances. */
final class JobsDatabase implements AutoCloseable {

    private final TestDatabase database = TestDatabase.start();
    private final DataSource dataSource;

    JobsDatabase() {
        dataSource = newDataSource();
        ArchiveSchema.migrate(dataSource);
    }

    DataSource dataSource() {
        return dataSource;
    }

    /** A data source of its own, as another Vigie process would have: it shares no connection or transaction. */
    DataSource newDataSource() {
        PGSimpleDataSource separate = new PGSimpleDataSource();
        separate.setUrl(database.jdbcUrl());
        return separate;
    }

    void empty() {
        JdbcClient.create(dataSource).sql("truncate job, duplicate_conflict, instance, series, study, patient "
                + "restart identity cascade").update();
    }

    /** Indexes one instance of a series, arriving at the clock's time. */
    static void index(DataSource dataSource, Clock clock, String seriesUid, String modality, int instanceNumber) {
        String sop = seriesUid + "." + instanceNumber;
        InstanceAttributes attributes = new InstanceAttributes("PSEUDO-JOBS", null, null, "1.2.3.9", LocalDate.of(
                2024, 5, 17), null, null, null, null, seriesUid, modality, 1, null, "1.2.840.10008.5.1.4.1.1.2", sop,
                instanceNumber, "1.2.840.10008.1.2.1");
        new ArchiveIndex(dataSource, clock).insert(attributes, "1.2.3.9/" + seriesUid + "/" + sop + ".dcm", 1,
                "sha-" + sop);
    }

    @Override
    public void close() {
        database.close();
    }
}
