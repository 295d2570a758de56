package io.vigie.inference.volume;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.function.ObjIntConsumer;
import java.util.function.Supplier;

/**
 * Runs a volume's independent pieces of work (assembling its slices; the detector's lung mask, candidate and patch
 * work, slice by slice or patch by patch) on a small pool:
 * {@value #THREADS_PROPERTY} threads, by default the smaller of 2 and the processors. Each piece writes only its own
 * part of the result, so the output does not depend on the number of threads or on which thread ran what. A piece
 * must not itself call into this pool: it would wait for work queued behind it on a busy pool. Work of one thread
 * can also run beside the caller's ({@link #aside}), on threads of its own whose {@code forEach} stays with them.
 */
public final class VolumeWorkers {

    public static final String THREADS_PROPERTY = "vigie.detection.threads";

    private static final int THREADS = Math.max(1, Integer.getInteger(THREADS_PROPERTY,
            Math.min(2, Runtime.getRuntime().availableProcessors())));

    /** The helpers beside the calling thread, which works too; daemons, so that they never hold the JVM open. */
    private static final ExecutorService HELPERS = THREADS == 1 ? null
            : Executors.newFixedThreadPool(THREADS - 1, runnable -> {
                Thread thread = new Thread(runnable, "vigie-detection");
                thread.setDaemon(true);
                return thread;
            });

    /** Set on the threads of {@link #aside}, whose {@link #forEach} runs on the thread itself. */
    private static final ThreadLocal<Boolean> ALONE = ThreadLocal.withInitial(() -> false);

    /** Threads for work done beside the caller's own (see {@link #aside}); daemons, made as needed. */
    private static final ExecutorService ASIDE = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(() -> {
            ALONE.set(true);
            runnable.run();
        }, "vigie-detection-aside");
        thread.setDaemon(true);
        return thread;
    });

    private VolumeWorkers() {
    }

    /**
     * Starts {@code work} on a thread of its own once {@code previous} is done, while the caller goes on with work of
     * one thread (the detector prepares the next batches of patches, one after the other, while the model, on one
     * thread, scores this one); with one thread configured it runs now, on the caller. The work keeps to its thread:
     * {@link #forEach} called from it runs there, so that the caller and the work share the cores without a third
     * thread. What {@code previous} wrote is visible to {@code work}. Its result, or what it threw: {@link #result}.
     */
    public static <T> CompletableFuture<T> aside(CompletableFuture<?> previous, Supplier<T> work) {
        if (THREADS == 1) {
            try {
                previous.join();
                return CompletableFuture.completedFuture(work.get());
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        return previous.thenApplyAsync(done -> work.get(), ASIDE);
    }

    /** Waits for work started {@link #aside}; what it threw is thrown here as it was. */
    public static <T> T result(CompletableFuture<T> aside) {
        try {
            return aside.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    public static int threads() {
        return THREADS;
    }

    /** Calls {@code task} once for each index in [0, n), in any order and on up to {@link #threads()} threads. */
    public static void forEach(int n, IntConsumer task) {
        forEach(n, () -> null, (unused, i) -> task.accept(i));
    }

    /**
     * Calls {@code task} once for each index in [0, n), in any order and on up to {@link #threads()} threads, each
     * thread with its own buffers from {@code buffers}.
     */
    public static <B> void forEach(int n, Supplier<B> buffers, ObjIntConsumer<B> task) {
        if (ALONE.get()) {
            B own = n > 0 ? buffers.get() : null;
            for (int i = 0; i < n; i++) {
                task.accept(own, i);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            B own = null;
            for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                if (own == null) {
                    own = buffers.get();
                }
                task.accept(own, i);
            }
        };
        List<Future<?>> helpers = new ArrayList<>();
        for (int t = 1; t < Math.min(THREADS, n); t++) {
            helpers.add(HELPERS.submit(worker));
        }
        RuntimeException failure = null;
        try {
            worker.run();
        } catch (RuntimeException e) {
            failure = e;
            next.set(n); // the helpers stop at their next piece
        }
        for (Future<?> helper : helpers) {
            try {
                helper.get();
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while detecting", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
