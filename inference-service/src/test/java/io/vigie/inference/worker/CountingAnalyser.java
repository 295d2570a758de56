package io.vigie.inference.worker;

import io.vigie.inference.findings.ModelVersion;
import io.vigie.inference.volume.CtVolume;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test detector whose answer the tests can predict: one lesion at the densest voxel of the volume (so it depends
 * on the pixels the worker loaded), probability 0.9. It counts its calls and can be told to crash, as a broken model
 * would, for its first {@code n} calls or for ever.
 */
final class CountingAnalyser implements SeriesAnalyser {

    static final ModelVersion MODEL = new ModelVersion("test-densest-voxel", "1");

    final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger crashesLeft;

    CountingAnalyser() {
        this(0);
    }

    CountingAnalyser(int crashes) {
        this.crashesLeft = new AtomicInteger(crashes);
    }

    @Override
    public ModelVersion model() {
        return MODEL;
    }

    @Override
    public Detection analyse(CtVolume volume) {
        calls.incrementAndGet();
        if (crashesLeft.getAndDecrement() > 0) {
            throw new IllegalStateException("simulated detector crash");
        }
        int densest = 0;
        float[] hu = volume.hu();
        for (int i = 1; i < hu.length; i++) {
            if (hu[i] > hu[densest]) {
                densest = i;
            }
        }
        int x = densest % volume.width();
        int y = (densest / volume.width()) % volume.height();
        int z = densest / (volume.width() * volume.height());
        return new Detection(List.of(new DetectedLesion(volume.toPatient(x, y, z), 6.0, 113.1, 0.9)),
                Duration.ZERO);
    }
}
