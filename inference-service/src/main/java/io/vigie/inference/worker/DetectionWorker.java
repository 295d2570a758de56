package io.vigie.inference.worker;

import io.vigie.archive.jobs.Job;
import io.vigie.archive.jobs.JobQueue;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker: claims {@code detect} jobs from the queue (any number of workers, in any number of processes, share
 * it: a job is claimed by one of them), does each with its {@link SeriesAnalysis}, and completes or fails it.
 * While a job runs, its lease is extended every third of the lease timeout, so a long analysis is not taken back.
 * Any failure (an exception of the detector, the writer, the archive) fails the job with its reason, and the queue
 * retries it after its back-off or, after the last attempt, keeps it dead with that reason.
 */
public final class DetectionWorker {

    private static final Logger log = LoggerFactory.getLogger(DetectionWorker.class);

    private final JobQueue queue;
    private final SeriesAnalysis analysis;
    private final String workerId;
    private final ScheduledExecutorService leaseKeeper;
    private final Duration leaseExtension;
    private final DetectionListener listener;

    /**
     * @param leaseKeeper   where lease extensions run while a job is in progress (shared by a process' workers)
     * @param leaseTimeout  the queue's lease timeout; the lease is extended every third of it
     */
    public DetectionWorker(JobQueue queue, SeriesAnalysis analysis, String workerId,
            ScheduledExecutorService leaseKeeper, Duration leaseTimeout) {
        this(queue, analysis, workerId, leaseKeeper, leaseTimeout, DetectionListener.NONE);
    }

    public DetectionWorker(JobQueue queue, SeriesAnalysis analysis, String workerId,
            ScheduledExecutorService leaseKeeper, Duration leaseTimeout, DetectionListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.analysis = Objects.requireNonNull(analysis, "analysis");
        this.workerId = Objects.requireNonNull(workerId, "workerId");
        this.leaseKeeper = Objects.requireNonNull(leaseKeeper, "leaseKeeper");
        this.leaseExtension = leaseTimeout.dividedBy(3);
    }

    public String workerId() {
        return workerId;
    }

    /**
     * Claims one job and does it.
     *
     * @return false when no job was claimable
     */
    public boolean runOnce() {
        Optional<Job> claimed = queue.claim(Job.DETECT, workerId);
        if (claimed.isEmpty()) {
            return false;
        }
        Job job = claimed.get();
        long started = System.nanoTime();
        ScheduledFuture<?> lease = leaseKeeper.scheduleWithFixedDelay(() -> extend(job),
                leaseExtension.toMillis(), leaseExtension.toMillis(), TimeUnit.MILLISECONDS);
        try {
            SeriesAnalysis.Outcome outcome = analysis.run(job);
            lease.cancel(false);
            queue.complete(job.id(), workerId);
            log.debug("job #{} done by {}: {}", job.id(), workerId, outcome);
            notify(DetectionListener.Ending.valueOf(outcome.name()), started);
        } catch (VirtualMachineError fatal) {
            lease.cancel(false);
            throw fatal; // the lease expires and another worker retries it (or it ends dead)
        } catch (Throwable failure) {
            lease.cancel(false);
            // Interrupted (shutdown) or not, the attempt failed: fail it now rather than leave it to the lease.
            queue.fail(job.id(), workerId, reason(failure));
            notify(DetectionListener.Ending.FAILED, started);
            if (failure instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
        return true;
    }

    private void notify(DetectionListener.Ending ending, long startedNanos) {
        try {
            listener.jobEnded(ending, Duration.ofNanos(System.nanoTime() - startedNanos));
        } catch (RuntimeException e) {
            log.warn("detection listener failed; ignored", e);
        }
    }

    private void extend(Job job) {
        try {
            if (!queue.extendLease(job.id(), workerId)) {
                log.warn("job #{}: {} lost its lease (taken back); it finishes, and records nothing twice",
                        job.id(), workerId);
            }
        } catch (RuntimeException e) {
            log.warn("job #{}: could not extend the lease of {}: {}", job.id(), workerId, e.toString());
        }
    }

    /** What an administrator reads on a failed or dead job: the exception and its causes, without stack. */
    static String reason(Throwable failure) {
        StringBuilder reason = new StringBuilder();
        for (Throwable t = failure; t != null && reason.length() < 2000; t = t.getCause()) {
            if (!reason.isEmpty()) {
                reason.append("; caused by ");
            }
            reason.append(t.getClass().getSimpleName());
            if (t.getMessage() != null) {
                reason.append(": ").append(t.getMessage());
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return reason.toString();
    }
}
