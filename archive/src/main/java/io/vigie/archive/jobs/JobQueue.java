package io.vigie.archive.jobs;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The work queue in PostgreSQL ({@code job} table), shared by every process on the database. Workers
 * {@link #claim} a job of their kind ({@code SELECT ... FOR UPDATE SKIP LOCKED}, so concurrent workers never get the
 * same job and never wait on each other), then {@link #complete} or {@link #fail} it. A failed job is retried after
 * an exponential back-off and is dead after {@link Settings#maxAttempts()} attempts, its reason kept. A worker that
 * dies holding a job loses it when its lease expires: the job is claimable again (or dead, if that was its last
 * attempt). The contract for workers is in docs/architecture.md.
 *
 * <p>All times come from the clock given here; the processes sharing a database must keep their clocks in step
 * (NTP), well within the lease timeout.
 */
public final class JobQueue {

    private static final Logger log = LoggerFactory.getLogger(JobQueue.class);

    /** Failure reasons are messages, not logs: longer ones are cut. */
    static final int MAX_REASON_LENGTH = 4000;

    /**
     * @param maxAttempts    claims a job gets before it is dead
     * @param initialBackoff the wait after the first failure; it doubles with each further one
     * @param maxBackoff     the longest wait between attempts
     * @param leaseTimeout   how long a claim holds without {@link #extendLease}; after that the job is taken back
     */
    public record Settings(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration leaseTimeout) {

        public Settings {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
            }
            requirePositive(initialBackoff, "initialBackoff");
            requirePositive(maxBackoff, "maxBackoff");
            requirePositive(leaseTimeout, "leaseTimeout");
        }

        /** The wait before the attempt after {@code failedAttempts} failures: initial * 2^(failures - 1), capped. */
        Duration backoffAfter(int failedAttempts) {
            int doublings = Math.max(0, failedAttempts - 1);
            if (doublings >= 62) {
                return maxBackoff;
            }
            long millis = initialBackoff.toMillis();
            long factor = 1L << doublings;
            long wait = millis > Long.MAX_VALUE / factor ? Long.MAX_VALUE : millis * factor;
            return wait >= maxBackoff.toMillis() ? maxBackoff : Duration.ofMillis(wait);
        }

        private static void requirePositive(Duration duration, String name) {
            if (duration == null || duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + duration);
            }
        }
    }

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final Settings settings;

    public JobQueue(DataSource dataSource, Clock clock, Settings settings) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.jdbc = JdbcClient.create(dataSource);
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Takes the next claimable job of this kind for this worker, in one transaction: first jobs of this kind whose
     * lease has expired are taken back, then the oldest claimable one (queued, or failed and past its back-off) is
     * marked running, locked by {@code workerId}, its attempts counted.
     *
     * @param workerId unique per worker (host, process and thread, say): it is what {@link #complete} and
     *                 {@link #fail} check
     * @return empty when nothing is claimable now
     */
    public Optional<Job> claim(String kind, String workerId) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(workerId, "workerId");
        return transaction.execute(status -> {
            Timestamp now = now();
            recoverExpiredLeases(kind, now);
            return jdbc.sql("""
                    with claimed as (
                        update job
                           set state = 'running', attempts = attempts + 1, locked_by = :worker, locked_at = :now,
                               updated_at = :now
                         where id = (select id from job
                                      where kind = :kind and state in ('queued', 'failed') and not_before <= :now
                                      order by not_before, id
                                      limit 1
                                      for update skip locked)
                        returning *)
                    """ + jobSelect("claimed"))
                    .param("worker", workerId).param("now", now).param("kind", kind)
                    .query(JobQueue::job).optional();
        });
    }

    /**
     * Keeps a long job: a worker calls this more often than the lease timeout while it works.
     *
     * @return false if this worker no longer holds the job (its lease expired and the job was taken back)
     */
    public boolean extendLease(long jobId, String workerId) {
        Timestamp now = now();
        return jdbc.sql("""
                update job set locked_at = ?, updated_at = ?
                 where id = ? and state = 'running' and locked_by = ?""")
                .params(now, now, jobId, workerId).update() == 1;
    }

    /**
     * Marks the job done.
     *
     * @return false if this worker no longer holds the job: another worker may be doing it, and this result must
     *         not be published as final
     */
    public boolean complete(long jobId, String workerId) {
        Timestamp now = now();
        boolean completed = jdbc.sql("""
                update job set state = 'done', locked_by = null, locked_at = null, updated_at = ?
                 where id = ? and state = 'running' and locked_by = ?""")
                .params(now, jobId, workerId).update() == 1;
        if (!completed) {
            log.warn("job #{} completed by {}, which no longer held it", jobId, workerId);
        }
        return completed;
    }

    /**
     * Records a failed attempt: the job is claimable again after the back-off, or dead if this was its last attempt.
     *
     * @return false if this worker no longer held the job (nothing changed)
     */
    public boolean fail(long jobId, String workerId, String reason) {
        String why = reason == null || reason.isBlank() ? "no reason given" : reason.strip();
        String lastError = why.length() > MAX_REASON_LENGTH ? why.substring(0, MAX_REASON_LENGTH) : why;
        Boolean failed = transaction.execute(status -> {
            Optional<int[]> held = jdbc.sql("""
                    select attempts, max_attempts from job
                     where id = ? and state = 'running' and locked_by = ?
                       for update""")
                    .params(jobId, workerId).query((rs, row) -> new int[] {rs.getInt(1), rs.getInt(2)}).optional();
            if (held.isEmpty()) {
                return false;
            }
            int attempts = held.get()[0];
            Instant now = clock.instant();
            if (attempts >= held.get()[1]) {
                jdbc.sql("""
                        update job set state = 'dead', last_error = ?, locked_by = null, locked_at = null,
                                       updated_at = ?
                         where id = ?""").params(lastError, Timestamp.from(now), jobId).update();
                log.error("job #{} is dead after {} attempts; last error: {}", jobId, attempts, lastError);
            } else {
                Instant notBefore = now.plus(settings.backoffAfter(attempts));
                jdbc.sql("""
                        update job set state = 'failed', not_before = ?, last_error = ?, locked_by = null,
                                       locked_at = null, updated_at = ?
                         where id = ?""")
                        .params(Timestamp.from(notBefore), lastError, Timestamp.from(now), jobId).update();
                log.warn("job #{} failed (attempt {} of {}), retried from {}: {}", jobId, attempts, held.get()[1],
                        notBefore, lastError);
            }
            return true;
        });
        if (!Boolean.TRUE.equals(failed)) {
            log.warn("job #{} failed by {}, which no longer held it: {}", jobId, workerId, lastError);
            return false;
        }
        return true;
    }

    public Optional<Job> find(long jobId) {
        return jdbc.sql(jobSelect("job") + " where j.id = ?").param(jobId).query(JobQueue::job).optional();
    }

    /** Every job of a series, oldest first. */
    public List<Job> forSeries(String seriesInstanceUid) {
        return jdbc.sql(jobSelect("job") + " where se.series_instance_uid = ? order by j.id")
                .param(seriesInstanceUid).query(JobQueue::job).list();
    }

    /**
     * Creates the job of this kind for a series at a revision, unless it exists (a unique constraint, so monitors
     * in several processes create it once). Joins the caller's transaction on this queue's data source.
     *
     * @return the new job's id, or empty if it already existed
     */
    Optional<Long> enqueue(String kind, long seriesPk, int seriesRevision) {
        Timestamp now = now();
        return jdbc.sql("""
                insert into job (kind, series_fk, series_revision, max_attempts, not_before, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?)
                on conflict (kind, series_fk, series_revision) do nothing
                returning id""")
                .params(kind, seriesPk, seriesRevision, settings.maxAttempts(), now, now, now)
                .query(Long.class).optional();
    }

    DataSource dataSource() {
        return dataSource;
    }

    Clock clock() {
        return clock;
    }

    /**
     * Takes back the running jobs of this kind whose worker has not been heard of for the lease timeout: the worker
     * is presumed dead. Its claim counted as an attempt, so a job that kills its workers ends dead too.
     */
    private void recoverExpiredLeases(String kind, Timestamp now) {
        Timestamp expiredBefore = Timestamp.from(now.toInstant().minus(settings.leaseTimeout()));
        List<String> recovered = jdbc.sql("""
                update job
                   set state = case when attempts >= max_attempts then 'dead' else 'failed' end,
                       last_error = 'lease expired: worker ' || locked_by || ' claimed it at ' || locked_at
                                    || ' and was not heard of for ' || :lease,
                       locked_by = null, locked_at = null, not_before = :now, updated_at = :now
                 where id in (select id from job
                               where kind = :kind and state = 'running' and locked_at <= :expiredBefore
                               for update skip locked)
                returning '#' || id || ' ' || state""")
                .param("lease", settings.leaseTimeout().toString()).param("now", now).param("kind", kind)
                .param("expiredBefore", expiredBefore)
                .query(String.class).list();
        if (!recovered.isEmpty()) {
            log.warn("took back {} job(s) of kind {} whose lease expired: {}", recovered.size(), kind, recovered);
        }
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    /** Jobs with their study and series UIDs, from {@code job} or from the rows an update returned. */
    private static String jobSelect(String jobRows) {
        return """
                select j.id, j.kind, st.study_instance_uid, se.series_instance_uid, j.series_revision, j.state,
                       j.attempts, j.max_attempts, j.not_before, j.locked_by, j.locked_at, j.last_error,
                       j.created_at, j.updated_at
                  from %s j join series se on se.pk = j.series_fk join study st on st.pk = se.study_fk"""
                .formatted(jobRows);
    }

    private static Job job(ResultSet rs, int row) throws SQLException {
        return new Job(rs.getLong("id"), rs.getString("kind"), rs.getString("study_instance_uid"),
                rs.getString("series_instance_uid"), rs.getInt("series_revision"),
                JobState.fromSql(rs.getString("state")), rs.getInt("attempts"), rs.getInt("max_attempts"),
                instant(rs, "not_before"), rs.getString("locked_by"), instant(rs, "locked_at"),
                rs.getString("last_error"), instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
