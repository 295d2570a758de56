package io.vigie.inference.worker;

import io.vigie.inference.findings.ModelVersion;
import io.vigie.inference.volume.CtVolume;
import io.vigie.inference.volume.SlicePass;
import java.time.Duration;
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
     * What the detector found in a volume.
     *
     * @param lesions       most probable first; empty when there are none
     * @param preprocessing the part of the analysis spent before the model itself (lung mask, candidates, patch
     *                      sampling), so that the recorded timings say where the time went
     */
    record Detection(List<DetectedLesion> lesions, Duration preprocessing) {

        public Detection {
            lesions = List.copyOf(lesions);
        }
    }

    /**
     * The lesions found in the volume.
     *
     * @throws Exception when the detector fails: the job fails and is retried, never recorded as "no findings"
     */
    Detection analyse(CtVolume volume) throws Exception;

    /**
     * Work to do on each slice of {@code volume} as assembly writes it, before {@link #analyse} of that volume (the
     * slices are not written yet when this is called); null, the default, for none.
     */
    default SlicePass<?> duringAssembly(CtVolume volume) {
        return null;
    }

    @Override
    default void close() {
    }
}
