package io.vigie.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vigie.archive.quarantine.Quarantine;
import io.vigie.ingest.IngestListener;
import io.vigie.ingest.ReceivedInstance.Source;
import io.vigie.ingest.StoreResult;
import io.vigie.ingest.StoreResult.Outcome;
import java.time.Duration;
import java.util.Locale;

/**
 * The ingest metrics, fed by the store pipeline through {@link IngestListener} (Prometheus names in brackets):
 * <ul>
 *   <li>{@code vigie.ingest.instances} [{@code vigie_ingest_instances_total}]: instances handled, by {@code source}
 *       (dimse, stow) and {@code outcome} (stored, duplicate, quarantined, failed);</li>
 *   <li>{@code vigie.ingest.bytes} [{@code vigie_ingest_bytes_total}]: data set bytes received, by
 *       {@code source};</li>
 *   <li>{@code vigie.ingest.failures} [{@code vigie_ingest_failures_total}]: instances quarantined or failed, by
 *       {@code source} and {@code reason} (a {@link StoreResult.Reason}, lower case);</li>
 *   <li>{@code vigie.ingest.duration} [{@code vigie_ingest_duration_seconds}]: the pipeline's time per instance,
 *       by {@code source} and {@code outcome};</li>
 *   <li>{@code vigie.quarantine.items} [{@code vigie_quarantine_items}]: items waiting in the quarantine, counted
 *       in the database at each scrape, so every process reports the shared quarantine.</li>
 * </ul>
 * Every tag value comes from a fixed list: no UID, AE title or user name ever becomes a tag.
 */
public final class IngestMetrics implements IngestListener {

    private final MeterRegistry registry;

    public IngestMetrics(MeterRegistry registry, Quarantine quarantine) {
        this.registry = registry;
        // Every source and outcome from zero, so that a rate or an alert sees the very first instance.
        for (Source source : Source.values()) {
            for (Outcome outcome : Outcome.values()) {
                instances(source, outcome);
            }
        }
        Gauge.builder("vigie.quarantine.items", quarantine, Quarantine::count)
                .description("Items kept in the quarantine for an administrator")
                .register(registry);
    }

    @Override
    public void handled(Source source, long bytes, StoreResult result, Duration elapsed) {
        instances(source, result.outcome()).increment();
        Counter.builder("vigie.ingest.bytes")
                .description("Data set bytes received (file meta information excluded)")
                .baseUnit("bytes")
                .tag("source", tag(source))
                .register(registry)
                .increment(bytes);
        Timer.builder("vigie.ingest.duration")
                .description("Time of the store pipeline per instance, from receipt to the durable answer")
                .tag("source", tag(source))
                .tag("outcome", tag(result.outcome()))
                .register(registry)
                .record(elapsed);
        if (result.reason() != null) {
            Counter.builder("vigie.ingest.failures")
                    .description("Instances quarantined or failed, by reason")
                    .tag("source", tag(source))
                    .tag("reason", tag(result.reason()))
                    .register(registry)
                    .increment();
        }
    }

    private Counter instances(Source source, Outcome outcome) {
        return Counter.builder("vigie.ingest.instances")
                .description("Instances handled by the store pipeline")
                .tag("source", tag(source))
                .tag("outcome", tag(outcome))
                .register(registry);
    }

    private static String tag(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
