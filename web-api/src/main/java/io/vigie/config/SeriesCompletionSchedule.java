package io.vigie.config;

import io.vigie.archive.jobs.SeriesCompletionMonitor;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the series completion monitor on a thread of its own, every {@code vigie.ingest.series-check-interval} after
 * the previous run ended (so runs never overlap), from start-up to shutdown. A failed run (the database away, say)
 * is logged and the next one tries again: a scheduled task that threw would never run again.
 */
class SeriesCompletionSchedule implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SeriesCompletionSchedule.class);

    /** How long shutdown waits for a run in progress (one short transaction per batch) before interrupting it. */
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(10);

    private final SeriesCompletionMonitor monitor;
    private final Duration interval;
    private volatile ScheduledExecutorService executor;

    SeriesCompletionSchedule(SeriesCompletionMonitor monitor, Duration interval) {
        if (interval == null || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("vigie.ingest.series-check-interval must be positive: " + interval);
        }
        this.monitor = monitor;
        this.interval = interval;
    }

    @Override
    public void start() {
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "series-completion");
            thread.setDaemon(true);
            return thread;
        });
        started.scheduleWithFixedDelay(this::runOnce, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
        executor = started;
    }

    void runOnce() {
        try {
            monitor.announceCompleteSeries();
        } catch (RuntimeException e) {
            log.error("looking for complete series failed; trying again in {}", interval, e);
        }
    }

    @Override
    public void stop() {
        ScheduledExecutorService running = executor;
        executor = null;
        if (running == null) {
            return;
        }
        running.shutdown();
        try {
            if (!running.awaitTermination(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                running.shutdownNow(); // the transaction in progress rolls back; the next start redoes it
            }
        } catch (InterruptedException e) {
            running.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }
}
