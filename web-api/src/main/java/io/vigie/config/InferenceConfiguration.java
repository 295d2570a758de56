package io.vigie.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.vigie.archive.Archive;
import io.vigie.archive.jobs.JobQueue;
import io.vigie.inference.findings.FindingsStore;
import io.vigie.inference.registry.ModelSelection;
import io.vigie.inference.worker.DerivedObjectWriter;
import io.vigie.inference.worker.DetectionWorkers;
import io.vigie.inference.worker.NoduleDetectorAnalyser;
import io.vigie.inference.worker.SeriesAnalyser;
import io.vigie.inference.worker.SeriesAnalysis;
import io.vigie.inference.worker.StandardDerivedObjectWriter;
import io.vigie.metrics.DetectionMetrics;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code inference} role: {@code vigie.inference.workers} detection workers, each with its own copy of the model
 * {@code vigie.inference.model} ({@code name:version}, or {@code name} for its highest version) from the model
 * registry in {@code vigie.inference.models-dir}, sharing the job queue with every other process of the role. The
 * model is loaded here, at start-up: a missing or broken model stops start-up with the reason rather than leaving
 * jobs to fail (a worker never reports findings it did not compute).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole("inference")
class InferenceConfiguration {

    @Bean
    DetectionWorkerSchedule detectionWorkers(VigieProperties properties, Archive archive, JobQueue queue,
            FindingsStore findings, Clock clock, MeterRegistry registry) {
        VigieProperties.Inference settings = properties.inference();
        ModelSelection model = ModelSelection.parse(settings.model());
        DerivedObjectWriter writer = new StandardDerivedObjectWriter(clock);
        List<SeriesAnalysis> analyses = new ArrayList<>();
        for (int i = 0; i < settings.workers(); i++) {
            SeriesAnalyser analyser = NoduleDetectorAnalyser.open(settings.modelsDir(), model);
            analyses.add(new SeriesAnalysis(archive, findings, analyser, writer));
        }
        return new DetectionWorkerSchedule(new DetectionWorkers(queue, analyses, processId(),
                settings.pollInterval(), properties.jobs().leaseTimeout(), new DetectionMetrics(registry)), analyses);
    }

    /** Host and pid: unique per process, and what an administrator reads in a running job's {@code locked_by}. */
    private static String processId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "localhost";
        }
        return host + "-" + ProcessHandle.current().pid();
    }
}
