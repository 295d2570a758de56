package io.vigie.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vigie.inference.worker.DetectionListener;
import java.time.Duration;
import java.util.Locale;

/**
 * The detection workers' metric, fed through {@link DetectionListener}: {@code vigie.detection.jobs}
 * [{@code vigie_detection_jobs_seconds_count}, {@code _sum}, {@code _max}], the time of each job from claim to its
 * end, by {@code outcome} (analysed, not_analysable, already_analysed, failed). The count by outcome is the rate of
 * analyses and failures; every outcome starts at zero.
 */
public final class DetectionMetrics implements DetectionListener {

    private final MeterRegistry registry;

    public DetectionMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (Ending ending : Ending.values()) {
            timer(ending);
        }
    }

    @Override
    public void jobEnded(Ending ending, Duration elapsed) {
        timer(ending).record(elapsed);
    }

    private Timer timer(Ending ending) {
        return Timer.builder("vigie.detection.jobs")
                .description("Detection jobs, claim to end, by how they ended")
                .tag("outcome", ending.name().toLowerCase(Locale.ROOT))
                .register(registry);
    }
}
