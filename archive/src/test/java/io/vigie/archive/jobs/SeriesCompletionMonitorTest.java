package io.vigie.archive.jobs;

import static io.vigie.archive.jobs.JobsDatabase.index;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SeriesCompletionMonitorTest {

    private static final Duration QUIET = Duration.ofSeconds(30);
    private static final JobQueue.Settings SETTINGS = new JobQueue.Settings(3, Duration.ofSeconds(10),
            Duration.ofMinutes(5), Duration.ofMinutes(10));

    private static JobsDatabase database;

    private final MutableClock clock = MutableClock.startingNow();
    private JobQueue jobs;
    private SeriesCompletionMonitor monitor;

    @BeforeAll
    static void startDatabase() {
        database = new JobsDatabase();
    }

    @AfterAll
    static void stopDatabase() {
        database.close();
    }

    @BeforeEach
    void emptyDatabase() {
        database.empty();
        jobs = new JobQueue(database.dataSource(), clock, SETTINGS);
        monitor = new SeriesCompletionMonitor(jobs, QUIET, SeriesCompletionMonitor.DEFAULT_JOB_KINDS);
    }

    @Test
    void announcesACtSeriesWithOneDetectJobOnceItHasBeenQuietForTheQuietPeriod() {
        for (int i = 1; i <= 3; i++) {
            index(database.dataSource(), clock, "1.2.3.9.1", "CT", i);
            clock.advance(Duration.ofSeconds(5)); // the quiet period counts from the last instance
        }
        clock.advance(QUIET.minusSeconds(6)); // 29 s after the last instance

        assertThat(monitor.announceCompleteSeries()).isZero();
        assertThat(jobs.forSeries("1.2.3.9.1")).isEmpty();

        clock.advance(Duration.ofSeconds(1));
        assertThat(monitor.announceCompleteSeries()).isEqualTo(1);
        assertThat(jobs.forSeries("1.2.3.9.1")).singleElement().satisfies(job -> {
            assertThat(job.kind()).isEqualTo(Job.DETECT);
            assertThat(job.state()).isEqualTo(JobState.QUEUED);
            assertThat(job.seriesRevision()).isEqualTo(3);
            assertThat(job.studyInstanceUid()).isEqualTo("1.2.3.9");
            assertThat(job.attempts()).isZero();
            assertThat(job.maxAttempts()).isEqualTo(3);
        });

        clock.advance(Duration.ofHours(1));
        assertThat(monitor.announceCompleteSeries()).isZero(); // announced once
        assertThat(jobs.forSeries("1.2.3.9.1")).hasSize(1);
    }

    @Test
    void aLateInstanceMakesTheSeriesIncompleteAgainAndASecondJobFollowsForTheWholeSeries() {
        index(database.dataSource(), clock, "1.2.3.9.2", "CT", 1);
        index(database.dataSource(), clock, "1.2.3.9.2", "CT", 2);
        clock.advance(QUIET);
        assertThat(monitor.announceCompleteSeries()).isEqualTo(1);

        clock.advance(Duration.ofMinutes(2));
        index(database.dataSource(), clock, "1.2.3.9.2", "CT", 3);
        index(database.dataSource(), clock, "1.2.3.9.2", "CT", 2); // a re-sent instance changes nothing
        clock.advance(QUIET.minusSeconds(1));
        assertThat(monitor.announceCompleteSeries()).isZero();

        clock.advance(Duration.ofSeconds(1));
        assertThat(monitor.announceCompleteSeries()).isEqualTo(1);
        assertThat(jobs.forSeries("1.2.3.9.2")).extracting(Job::seriesRevision).containsExactly(2, 3);
    }

    @Test
    void otherModalitiesGetNoJob() {
        index(database.dataSource(), clock, "1.2.3.9.3", "MR", 1);
        index(database.dataSource(), clock, "1.2.3.9.4", null, 1);
        clock.advance(QUIET);

        assertThat(monitor.announceCompleteSeries()).isZero();
        assertThat(jobs.forSeries("1.2.3.9.3")).isEmpty();
        assertThat(jobs.forSeries("1.2.3.9.4")).isEmpty();
    }

    /**
     * Two monitors with data sources of their own, as two Vigie processes, each on two threads, all racing over
     * more series than one batch: every series gets exactly one job, and the jobs the monitors say they created add
     * up to that.
     */
    @Test
    void monitorsRacingInTwoProcessesCreateExactlyOneJobPerSeries() throws Exception {
        int seriesCount = SeriesCompletionMonitor.BATCH_SIZE + 50;
        for (int s = 0; s < seriesCount; s++) {
            index(database.dataSource(), clock, "1.2.3.8." + s, "CT", 1);
        }
        clock.advance(QUIET);
        List<SeriesCompletionMonitor> monitors = new ArrayList<>();
        for (int process = 0; process < 2; process++) {
            DataSource own = database.newDataSource();
            SeriesCompletionMonitor m = new SeriesCompletionMonitor(new JobQueue(own, clock, SETTINGS), QUIET,
                    SeriesCompletionMonitor.DEFAULT_JOB_KINDS);
            monitors.add(m);
            monitors.add(m); // two threads each
        }

        int created = runTogether(monitors.stream().<Callable<Integer>>map(m -> () -> {
            int total = 0;
            for (int round = 0; round < 5; round++) {
                total += m.announceCompleteSeries();
            }
            return total;
        }).toList()).stream().mapToInt(Integer::intValue).sum();

        assertThat(created).isEqualTo(seriesCount);
        for (int s = 0; s < seriesCount; s++) {
            assertThat(jobs.forSeries("1.2.3.8." + s)).as("series %d", s).hasSize(1);
        }
    }

    /** Runs the tasks on threads of their own, released at the same instant, and returns their results. */
    static <T> List<T> runTogether(List<Callable<T>> tasks) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(tasks.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(threads.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }
}
