package io.vigie.inference.worker;

import io.vigie.archive.jobs.JobQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A process' detection workers: one thread per {@link SeriesAnalysis} given (each with its own detector), claiming
 * jobs while there are some and polling every {@code pollInterval} when there are none, plus one thread that
 * extends the leases of the jobs in progress. A failure to reach the queue (the database away) is logged and tried
 * again after the poll interval; a worker thread never dies of it.
 */
public final class DetectionWorkers implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DetectionWorkers.class);

    private final JobQueue queue;
    private final List<SeriesAnalysis> analyses;
    private final String workerIdPrefix;
    private final Duration pollInterval;
    private final Duration leaseTimeout;
    private final DetectionListener listener;
    private final List<Thread> threads = new ArrayList<>();
    private ScheduledExecutorService leaseKeeper;
    private volatile boolean running;

    /**
     * @param workerIdPrefix unique to this process (host and pid, say); each worker adds its number
     */
    public DetectionWorkers(JobQueue queue, List<SeriesAnalysis> analyses, String workerIdPrefix,
            Duration pollInterval, Duration leaseTimeout) {
        this(queue, analyses, workerIdPrefix, pollInterval, leaseTimeout, DetectionListener.NONE);
    }

    public DetectionWorkers(JobQueue queue, List<SeriesAnalysis> analyses, String workerIdPrefix,
            Duration pollInterval, Duration leaseTimeout, DetectionListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        if (analyses.isEmpty()) {
            throw new IllegalArgumentException("at least one worker");
        }
        this.queue = Objects.requireNonNull(queue, "queue");
        this.analyses = List.copyOf(analyses);
        this.workerIdPrefix = Objects.requireNonNull(workerIdPrefix, "workerIdPrefix");
        this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
        this.leaseTimeout = Objects.requireNonNull(leaseTimeout, "leaseTimeout");
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        leaseKeeper = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "detection-leases");
            thread.setDaemon(true);
            return thread;
        });
        for (int i = 0; i < analyses.size(); i++) {
            DetectionWorker worker = new DetectionWorker(queue, analyses.get(i), workerIdPrefix + "-detect-" + (i + 1),
                    leaseKeeper, leaseTimeout, listener);
            Thread thread = new Thread(() -> loop(worker), "detection-worker-" + (i + 1));
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        log.info("{} detection worker(s) started with model {}", analyses.size(), analyses.get(0).model());
    }

    private void loop(DetectionWorker worker) {
        while (running) {
            boolean worked;
            try {
                worked = worker.runOnce();
            } catch (RuntimeException e) {
                log.error("{}: the job queue is unavailable; trying again in {}", worker.workerId(), pollInterval, e);
                worked = false;
            }
            if (!worked && running) {
                try {
                    Thread.sleep(pollInterval.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /**
     * Stops claiming, lets the jobs in progress finish for up to {@code wait}, then interrupts them (their jobs are
     * failed, or taken back once their lease expires, and retried).
     */
    public synchronized void stop(Duration wait) {
        if (!running) {
            return;
        }
        running = false;
        long deadline = System.nanoTime() + wait.toNanos();
        for (Thread thread : threads) {
            try {
                thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                if (thread.isAlive()) {
                    thread.interrupt();
                    thread.join(1000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        threads.clear();
        leaseKeeper.shutdownNow();
        try {
            leaseKeeper.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean isRunning() {
        return running;
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(10));
    }
}
