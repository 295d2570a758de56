package io.vigie.archive.jobs;

import static io.vigie.archive.jobs.JobsDatabase.index;
import static io.vigie.archive.jobs.SeriesCompletionMonitorTest.runTogether;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JobQueueTest {

    private static final Duration QUIET = Duration.ofSeconds(30);
    private static final Duration LEASE = Duration.ofMinutes(10);
    private static final JobQueue.Settings SETTINGS = new JobQueue.Settings(3, Duration.ofSeconds(10),
            Duration.ofSeconds(15), LEASE);

    private static JobsDatabase database;

    private final MutableClock clock = MutableClock.startingNow();
    private JobQueue jobs;

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
    }

    @Test
    void fourConcurrentWorkersGetEachOfTwentyJobsExactlyOnce() throws Exception {
        queueDetectJobs(20);
        List<Callable<List<Long>>> workers = IntStream.range(0, 4).<Callable<List<Long>>>mapToObj(w -> () -> {
            // each worker with a queue of its own, as in separate processes
            JobQueue own = new JobQueue(database.newDataSource(), clock, SETTINGS);
            List<Long> done = new ArrayList<>();
            for (var job = own.claim(Job.DETECT, "worker-" + w); job.isPresent();
                    job = own.claim(Job.DETECT, "worker-" + w)) {
                assertThat(own.complete(job.get().id(), "worker-" + w)).isTrue();
                done.add(job.get().id());
            }
            return done;
        }).toList();

        List<Long> claimed = runTogether(workers).stream().flatMap(List::stream).toList();

        assertThat(claimed).hasSize(20).doesNotHaveDuplicates();
        assertThat(claimed).allSatisfy(id -> assertThat(jobs.find(id).orElseThrow().state()).isEqualTo(JobState.DONE));
        assertThat(jobs.claim(Job.DETECT, "late-worker")).isEmpty();
    }

    @Test
    void claimsOnlyJobsOfItsKindAndMarksThemRunning() {
        queueDetectJobs(1);
        assertThat(jobs.claim("segment", "worker")).isEmpty();

        Job job = jobs.claim(Job.DETECT, "worker").orElseThrow();
        assertThat(job.state()).isEqualTo(JobState.RUNNING);
        assertThat(job.attempts()).isEqualTo(1);
        assertThat(job.lockedBy()).isEqualTo("worker");
        assertThat(job.lockedAt()).isEqualTo(clock.instant());
        assertThat(job.seriesInstanceUid()).isEqualTo("1.2.3.7.0");
        assertThat(jobs.claim(Job.DETECT, "other")).isEmpty();
    }

    @Test
    void aFailedJobIsRetriedAfterAGrowingBackoffAndIsDeadAfterMaxAttemptsWithItsReason() {
        queueDetectJobs(1);
        Job first = jobs.claim(Job.DETECT, "worker").orElseThrow();
        assertThat(jobs.fail(first.id(), "worker", "model not loaded")).isTrue();
        assertThat(jobs.find(first.id()).orElseThrow()).satisfies(job -> {
            assertThat(job.state()).isEqualTo(JobState.FAILED);
            assertThat(job.lastError()).isEqualTo("model not loaded");
            assertThat(job.notBefore()).isEqualTo(clock.instant().plusSeconds(10));
            assertThat(job.lockedBy()).isNull();
        });

        clock.advance(Duration.ofSeconds(9));
        assertThat(jobs.claim(Job.DETECT, "worker")).isEmpty(); // backing off
        clock.advance(Duration.ofSeconds(1));
        Job second = jobs.claim(Job.DETECT, "worker").orElseThrow();
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.attempts()).isEqualTo(2);
        jobs.fail(second.id(), "worker", "out of GPU memory");
        // 20 s after the second failure, capped at 15 s
        assertThat(jobs.find(first.id()).orElseThrow().notBefore()).isEqualTo(clock.instant().plusSeconds(15));

        clock.advance(Duration.ofSeconds(15));
        Job third = jobs.claim(Job.DETECT, "worker").orElseThrow();
        assertThat(third.attempts()).isEqualTo(3);
        assertThat(jobs.fail(third.id(), "worker", "out of GPU memory again")).isTrue();

        assertThat(jobs.find(first.id()).orElseThrow()).satisfies(job -> {
            assertThat(job.state()).isEqualTo(JobState.DEAD);
            assertThat(job.attempts()).isEqualTo(3);
            assertThat(job.lastError()).isEqualTo("out of GPU memory again");
        });
        clock.advance(Duration.ofDays(1));
        assertThat(jobs.claim(Job.DETECT, "worker")).isEmpty();
    }

    @Test
    void aJobWhoseWorkerDiedIsTakenBackAfterItsLeaseAndTheDeadWorkerCannotFinishIt() {
        queueDetectJobs(1);
        Job claimed = jobs.claim(Job.DETECT, "dies").orElseThrow();

        clock.advance(LEASE.minusSeconds(1));
        assertThat(jobs.claim(Job.DETECT, "survivor")).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        Job reclaimed = jobs.claim(Job.DETECT, "survivor").orElseThrow();

        assertThat(reclaimed.id()).isEqualTo(claimed.id());
        assertThat(reclaimed.attempts()).isEqualTo(2);
        assertThat(reclaimed.lockedBy()).isEqualTo("survivor");
        assertThat(reclaimed.lastError()).contains("lease expired", "dies");
        assertThat(jobs.complete(claimed.id(), "dies")).isFalse(); // it lost its lease
        assertThat(jobs.fail(claimed.id(), "dies", "too late")).isFalse();
        assertThat(jobs.complete(claimed.id(), "survivor")).isTrue();
        assertThat(jobs.find(claimed.id()).orElseThrow().state()).isEqualTo(JobState.DONE);
    }

    @Test
    void aWorkerThatExtendsItsLeaseKeepsItsJob() {
        queueDetectJobs(1);
        Job claimed = jobs.claim(Job.DETECT, "slow").orElseThrow();
        clock.advance(LEASE.minusSeconds(1));
        assertThat(jobs.extendLease(claimed.id(), "slow")).isTrue();
        clock.advance(LEASE.minusSeconds(1));

        assertThat(jobs.claim(Job.DETECT, "other")).isEmpty();
        assertThat(jobs.extendLease(claimed.id(), "other")).isFalse();
        assertThat(jobs.complete(claimed.id(), "slow")).isTrue();
    }

    @Test
    void aJobWhoseLastAttemptOutlivesItsLeaseIsDead() {
        queueDetectJobs(1);
        long id = jobs.claim(Job.DETECT, "w").orElseThrow().id();
        for (int attempt = 2; attempt <= SETTINGS.maxAttempts(); attempt++) {
            clock.advance(LEASE);
            assertThat(jobs.claim(Job.DETECT, "w").orElseThrow().attempts()).isEqualTo(attempt);
        }
        clock.advance(LEASE);

        assertThat(jobs.claim(Job.DETECT, "w")).isEmpty();
        assertThat(jobs.find(id).orElseThrow()).satisfies(job -> {
            assertThat(job.state()).isEqualTo(JobState.DEAD);
            assertThat(job.lastError()).contains("lease expired");
        });
    }

    @Test
    void backoffDoublesFromTheInitialWaitUpToTheLongest() {
        JobQueue.Settings settings = new JobQueue.Settings(10, Duration.ofSeconds(30), Duration.ofHours(1), LEASE);
        assertThat(settings.backoffAfter(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.backoffAfter(2)).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.backoffAfter(4)).isEqualTo(Duration.ofMinutes(4));
        assertThat(settings.backoffAfter(8)).isEqualTo(Duration.ofHours(1));
        assertThat(settings.backoffAfter(1000)).isEqualTo(Duration.ofHours(1));
    }

    /** One CT series per job, announced complete by the monitor. */
    private void queueDetectJobs(int count) {
        for (int s = 0; s < count; s++) {
            index(database.dataSource(), clock, "1.2.3.7." + s, "CT", 1);
        }
        clock.advance(QUIET);
        assertThat(new SeriesCompletionMonitor(jobs, QUIET, SeriesCompletionMonitor.DEFAULT_JOB_KINDS)
                .announceCompleteSeries()).isEqualTo(count);
    }
}
