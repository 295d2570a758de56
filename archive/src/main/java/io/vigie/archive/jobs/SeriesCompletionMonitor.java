package io.vigie.archive.jobs;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Announces complete series. DICOM never says that a series is complete, so a series counts as complete once no
 * instance has arrived in it for the quiet period; the monitor then creates its jobs (one per job kind its modality
 * needs) for its current revision. A series that grows afterwards is announced again once it is quiet again, at
 * its new revision, so the work is redone on the whole series.
 *
 * <p>Any number of monitors, in any number of processes, may run at once: each claims the series it announces
 * ({@code FOR NO KEY UPDATE SKIP LOCKED}: another monitor skips them, and a gateway indexing an instance waits only
 * for that short transaction), and the job table's unique (kind, series, revision) makes creation idempotent even
 * so. Series of modalities that need no job are marked announced all the same, so they are not scanned again.
 */
public final class SeriesCompletionMonitor {

    private static final Logger log = LoggerFactory.getLogger(SeriesCompletionMonitor.class);

    /** Series announced per transaction: keeps each transaction, and the locks it holds, short. */
    static final int BATCH_SIZE = 100;

    /** The jobs the gateway asks for today: detection on CT series. */
    public static final Map<String, Set<String>> DEFAULT_JOB_KINDS = Map.of("CT", Set.of(Job.DETECT));

    private record QuietSeries(long pk, String seriesInstanceUid, String modality, int revision) {
    }

    private record Batch(int seriesAnnounced, int jobsCreated) {
    }

    private final JobQueue jobs;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Duration quietPeriod;
    private final Map<String, Set<String>> jobKindsByModality;

    /**
     * Works on the job queue's database, with its clock.
     *
     * @param jobKindsByModality the job kinds to create for a complete series of each modality; others get none
     */
    public SeriesCompletionMonitor(JobQueue jobs, Duration quietPeriod, Map<String, Set<String>> jobKindsByModality) {
        if (quietPeriod == null || quietPeriod.isNegative() || quietPeriod.isZero()) {
            throw new IllegalArgumentException("the quiet period must be positive: " + quietPeriod);
        }
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        DataSource dataSource = jobs.dataSource();
        // The same data source as the queue's, so that the jobs are created in this monitor's transaction.
        this.jdbc = JdbcClient.create(dataSource);
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.quietPeriod = quietPeriod;
        this.jobKindsByModality = Map.copyOf(jobKindsByModality);
    }

    /**
     * Announces every series that has been quiet for the quiet period and not been announced at its revision.
     *
     * @return the number of jobs created
     */
    public int announceCompleteSeries() {
        int created = 0;
        while (true) {
            Batch batch = Objects.requireNonNull(transaction.execute(status -> announceBatch()));
            created += batch.jobsCreated();
            if (batch.seriesAnnounced() < BATCH_SIZE) {
                return created;
            }
        }
    }

    /** One transaction: claims up to a batch of quiet series, creates their jobs, marks them announced. */
    private Batch announceBatch() {
        Timestamp quietSince = Timestamp.from(jobs.clock().instant().minus(quietPeriod));
        List<QuietSeries> quiet = jdbc.sql("""
                select pk, series_instance_uid, modality, revision from series
                 where announced_revision < revision and last_instance_at <= ?
                 order by last_instance_at, pk
                 limit ?
                   for no key update skip locked""")
                .params(quietSince, BATCH_SIZE)
                .query((rs, row) -> new QuietSeries(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4)))
                .list();
        int created = 0;
        for (QuietSeries series : quiet) {
            for (String kind : jobKinds(series.modality())) {
                Optional<Long> job = jobs.enqueue(kind, series.pk(), series.revision());
                if (job.isPresent()) {
                    created++;
                    log.info("series {} ({}) complete with {} instance(s): {} job #{}", series.seriesInstanceUid(),
                            series.modality(), series.revision(), kind, job.get());
                }
            }
            jdbc.sql("update series set announced_revision = ? where pk = ?")
                    .params(series.revision(), series.pk()).update();
        }
        return new Batch(quiet.size(), created);
    }

    private Set<String> jobKinds(String modality) {
        return modality == null ? Set.of() : jobKindsByModality.getOrDefault(modality, Set.of());
    }
}
