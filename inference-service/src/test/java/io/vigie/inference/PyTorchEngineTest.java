package io.vigie.inference;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** DJL's PyTorch engine loads offline from the bundled native library and computes on this machine. */
class PyTorchEngineTest {

    @Test
    void pyTorchEngineRunsOfflineOnCpu() {
        Engine engine = Engine.getEngine("PyTorch");
        assertThat(engine.getVersion()).startsWith("2.7");
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray volume = manager.arange(27f).reshape(new Shape(3, 3, 3));
            assertThat(volume.sum().getFloat()).isEqualTo(351f);
            assertThat(volume.getDevice().isGpu()).isFalse();
        }
    }
}
