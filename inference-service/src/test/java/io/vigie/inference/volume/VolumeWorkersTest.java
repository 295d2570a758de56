package io.vigie.inference.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Work started aside runs after the work before it, on its own thread, and hands back its result or its error. */
class VolumeWorkersTest {

    @Test
    void asideWorkRunsInTurnAndItsForEachStaysOnItsThread() {
        List<Integer> order = new CopyOnWriteArrayList<>();
        Set<String> forEachThreads = ConcurrentHashMap.newKeySet();
        CompletableFuture<?> previous = CompletableFuture.completedFuture(null);
        List<CompletableFuture<String>> steps = new java.util.ArrayList<>();
        for (int step = 0; step < 5; step++) {
            int number = step;
            CompletableFuture<String> next = VolumeWorkers.aside(previous, () -> {
                order.add(number);
                VolumeWorkers.forEach(50, i -> forEachThreads.add(Thread.currentThread().getName()));
                return Thread.currentThread().getName();
            });
            steps.add(next);
            previous = next;
        }
        Set<String> asideThreads = ConcurrentHashMap.newKeySet();
        for (CompletableFuture<String> step : steps) {
            asideThreads.add(VolumeWorkers.result(step));
        }
        assertThat(order).containsExactly(0, 1, 2, 3, 4);
        // A forEach called aside runs where it is called, and never waits on the pool it would share with the caller.
        assertThat(forEachThreads).isEqualTo(asideThreads);
        if (VolumeWorkers.threads() > 1) {
            assertThat(asideThreads).allMatch(name -> name.startsWith("vigie-detection-aside"));
        }
    }

    @Test
    void anErrorAsideIsThrownAsItWasAndStopsTheWorkAfterIt() {
        IllegalArgumentException failure = new IllegalArgumentException("no candidates here");
        CompletableFuture<String> failed = VolumeWorkers.aside(CompletableFuture.completedFuture(null), () -> {
            throw failure;
        });
        List<String> ran = new CopyOnWriteArrayList<>();
        CompletableFuture<String> after = VolumeWorkers.aside(failed, () -> {
            ran.add("after");
            return "after";
        });
        assertThatThrownBy(() -> VolumeWorkers.result(failed)).isSameAs(failure);
        assertThatThrownBy(() -> VolumeWorkers.result(after)).isSameAs(failure);
        assertThat(ran).isEmpty();
    }
}
