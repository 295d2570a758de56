package io.vigie.ingest;

import java.time.Duration;

/**
 * Told of every instance the pipeline handled, once its answer is decided: the hook for monitoring. The pipeline
 * knows no metrics library; the application implements this (web-api, with Micrometer). An implementation must be
 * quick; what it throws is logged and ignored, because monitoring must never change what a sender is told.
 */
@FunctionalInterface
public interface IngestListener {

    IngestListener NONE = (source, bytes, result, elapsed) -> {
    };

    /**
     * @param source  the door it came through
     * @param bytes   the data set bytes received, file meta information excluded, so that both doors count alike
     *                (the whole file when a STOW-RS part is no Part 10 file)
     * @param result  what the pipeline decided
     * @param elapsed the pipeline's time on it, from receipt to the durable answer
     */
    void handled(ReceivedInstance.Source source, long bytes, StoreResult result, Duration elapsed);
}
