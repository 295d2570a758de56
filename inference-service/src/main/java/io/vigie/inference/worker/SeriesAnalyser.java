package io.vigie.inference.worker;

import io.vigie.inference.findings.ModelVersion;
import io.vigie.inference.volume.CtVolume;
import java.util.List;

/**
 * The detector as the worker sees it: a model version and what it finds in a volume. The worker owns everything
 * around it (the job, loading, assembling, recording, the SR and SEG), so another detector is wired by giving the
 * worker another implementation.
 *
 * <p>An implementation is used by one worker thread at a time; each worker thread has its own.
 */
public interface SeriesAnalyser extends AutoCloseable {

    /** The model that {@link #analyse} runs: an analysis is recorded once per series and model version. */
    ModelVersion model();

    /**
     * The lesions found in the volume, most probable first; empty when there are none.
     *
     * @throws Exception when the detector fails: the job fails and is retried, never recorded as "no findings"
     */
    List<DetectedLesion> analyse(CtVolume volume) throws Exception;

    @Override
    default void close() {
    }
}
