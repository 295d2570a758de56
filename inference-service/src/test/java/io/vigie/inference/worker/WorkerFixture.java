package io.vigie.inference.worker;

import com.pixelmed.dicom.AttributeFactory;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.TagFromName;
import io.vigie.archive.Archive;
import io.vigie.archive.ArchiveSchema;
import io.vigie.archive.DuplicatePolicy;
import io.vigie.archive.StoreOutcome;
import io.vigie.archive.duplicates.DuplicateConflicts;
import io.vigie.archive.index.ArchiveIndex;
import io.vigie.archive.jobs.Job;
import io.vigie.archive.jobs.JobQueue;
import io.vigie.archive.jobs.SeriesCompletionMonitor;
import io.vigie.archive.storage.LocalFileStore;
import io.vigie.dicom.DicomInstance;
import io.vigie.inference.findings.FindingsStore;
import io.vigie.testing.MutableClock;
import io.vigie.testing.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A real archive (local file store + index on an embedded PostgreSQL), its job queue and series completion monitor
 * on a clock the tests move, and a way to archive real CT slices as a series of their own.
 */
final class WorkerFixture implements AutoCloseable {

    static final Duration QUIET = Duration.ofSeconds(30);
    static final JobQueue.Settings SETTINGS = new JobQueue.Settings(3, Duration.ofSeconds(30), Duration.ofMinutes(5),
            Duration.ofMinutes(10));

    final MutableClock clock = MutableClock.startingNow();
    private final TestDatabase database = TestDatabase.start();
    final DataSource dataSource;
    final Path files;
    final Archive archive;
    final JobQueue queue;
    final FindingsStore findings;
    private final SeriesCompletionMonitor monitor;

    WorkerFixture(Path folder) throws IOException {
        dataSource = newDataSource();
        ArchiveSchema.migrate(dataSource);
        files = folder.resolve("archive");
        archive = archiveOn(dataSource);
        queue = new JobQueue(dataSource, clock, SETTINGS);
        findings = new FindingsStore(dataSource, clock);
        monitor = new SeriesCompletionMonitor(queue, QUIET, SeriesCompletionMonitor.DEFAULT_JOB_KINDS);
    }

    /** A data source of its own, as another Vigie process would have. */
    DataSource newDataSource() {
        PGSimpleDataSource separate = new PGSimpleDataSource();
        separate.setUrl(database.jdbcUrl());
        return separate;
    }

    Archive archiveOn(DataSource source) throws IOException {
        return new Archive(new LocalFileStore(files), new ArchiveIndex(source, clock), new DuplicateConflicts(source),
                DuplicatePolicy.KEEP_FIRST);
    }

    /** Archives the slices as they are; returns their series UID. */
    String archive(List<Path> slices) throws Exception {
        return archive(slices, null);
    }

    /**
     * Archives the slices under a new series (and new SOP Instance UIDs) when {@code seriesUid} is given: one real
     * series becomes several distinct ones.
     */
    String archive(List<Path> slices, String seriesUid) throws Exception {
        String series = null;
        for (Path slice : slices) {
            DicomInstance instance;
            try (InputStream in = Files.newInputStream(slice)) {
                instance = DicomInstance.readPart10(in);
            }
            if (seriesUid != null) {
                set(instance, TagFromName.SeriesInstanceUID, seriesUid);
                set(instance, TagFromName.SOPInstanceUID, seriesUid + "." + instance.integer("InstanceNumber"));
            }
            byte[] part10 = instance.toPart10("TEST");
            StoreOutcome outcome = archive.store(DerivedInstance.attributesOf(instance), part10, "TEST");
            if (outcome != StoreOutcome.STORED && outcome != StoreOutcome.ALREADY_STORED) {
                throw new IllegalStateException(outcome.toString());
            }
            series = instance.string("SeriesInstanceUID");
        }
        return series;
    }

    /** The quiet period passes and the monitor announces the complete series. */
    int announce() {
        clock.advance(QUIET.plusSeconds(1));
        return monitor.announceCompleteSeries();
    }

    Job onlyJob(String series) {
        List<Job> jobs = queue.forSeries(series);
        if (jobs.size() != 1) {
            throw new AssertionError("jobs of " + series + ": " + jobs);
        }
        return jobs.get(0);
    }

    int count(String sql, Object... params) {
        return JdbcClient.create(dataSource).sql(sql).params(params).query(Integer.class).single();
    }

    private static void set(DicomInstance instance, AttributeTag tag, String value) throws Exception {
        var attribute = AttributeFactory.newAttribute(tag);
        attribute.addValue(value);
        instance.attributeList().put(attribute);
    }

    @Override
    public void close() {
        database.close();
    }
}
