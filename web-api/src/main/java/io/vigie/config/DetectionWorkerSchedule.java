package io.vigie.config;

import io.vigie.inference.worker.DetectionWorkers;
import io.vigie.inference.worker.SeriesAnalysis;
import java.time.Duration;
import java.util.List;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the detection workers once the application has started and stops them on shutdown, letting a job in
 * progress finish for a while (one that does not is failed and retried, or taken back once its lease expires).
 */
class DetectionWorkerSchedule implements SmartLifecycle, AutoCloseable {

    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(20);

    private final DetectionWorkers workers;
    private final List<SeriesAnalysis> analyses;

    DetectionWorkerSchedule(DetectionWorkers workers, List<SeriesAnalysis> analyses) {
        this.workers = workers;
        this.analyses = analyses;
    }

    @Override
    public void start() {
        workers.start();
    }

    @Override
    public void stop() {
        workers.stop(SHUTDOWN_WAIT);
    }

    @Override
    public boolean isRunning() {
        return workers.isRunning();
    }

    /** The models' native memory is freed with the context. */
    @Override
    public void close() {
        stop();
        analyses.forEach(SeriesAnalysis::close);
    }
}
