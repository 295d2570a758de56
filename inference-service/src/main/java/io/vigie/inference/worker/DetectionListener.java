package io.vigie.inference.worker;

import java.time.Duration;

/**
 * Told how each detection job ended, for monitoring (web-api's Micrometer metrics); the worker stays a plain
 * library. What a listener throws is logged and ignored: monitoring never changes what happens to a job.
 */
public interface DetectionListener {

    /** How a job ended: as {@link SeriesAnalysis.Outcome}, or failed (retried later, or dead). */
    enum Ending { ANALYSED, NOT_ANALYSABLE, ALREADY_ANALYSED, FAILED }

    DetectionListener NONE = (ending, elapsed) -> { };

    void jobEnded(Ending ending, Duration elapsed);
}
