package io.vigie.audit;

import io.vigie.archive.audit.AuditEvent;
import io.vigie.archive.audit.AuditTrail;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Appends the audit events of answered requests on one thread, in batches: a request no longer waits for its own
 * transaction on the chain head (three statements and a commit, serialised across every request of every process)
 * before its last bytes leave. Events are recorded after the answer, as before; the batch narrows nothing but the
 * time between the two, and a batch costs one commit however many requests it holds.
 *
 * <p>Nothing is dropped: when the queue is full the caller appends its event itself; {@link #flush} returns once
 * everything submitted before it is in the trail (administrators' reads of the trail call it, so they see every
 * request answered before theirs); stopping drains the queue. Only a crash of the process can lose the events of
 * the last moments, as it could lose the event of a request answered just before the crash.
 */
public final class AuditWriter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AuditWriter.class);

    private static final int CAPACITY = 10_000;
    private static final int MAX_BATCH = 500;

    private final AuditTrail trail;
    private final BlockingQueue<AuditEvent> queue = new ArrayBlockingQueue<>(CAPACITY);
    /** Guards the two counters: events submitted, and events written (or given up, logged) by the writer. */
    private final Object progress = new Object();
    private long submitted;
    private long finished;
    private volatile Thread writer;

    public AuditWriter(AuditTrail trail) {
        this.trail = trail;
    }

    /** Queues one event; appends it on the caller's thread when the queue is full or the writer is not running. */
    public void submit(AuditEvent event) {
        if (writer != null) {
            boolean queued;
            synchronized (progress) {
                queued = queue.offer(event);
                if (queued) {
                    submitted++;
                }
            }
            if (queued) {
                if (writer == null) {
                    drain(); // stop() ran between the check and the offer: its drain may have missed this event
                }
                return;
            }
        }
        write(List.of(event));
    }

    /** Waits until every event submitted before this call is in the trail (or logged as lost), at most {@code ms}. */
    public void flush(long ms) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
        synchronized (progress) {
            long target = submitted;
            while (finished < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                TimeUnit.NANOSECONDS.timedWait(progress, left);
            }
        }
    }

    @Override
    public void start() {
        Thread thread = new Thread(this::run, "audit-writer");
        thread.setDaemon(true);
        writer = thread;
        thread.start();
    }

    @Override
    public void stop() {
        Thread thread = writer;
        writer = null; // from now on submit() writes on the caller's thread
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        drain(); // whatever the writer did not take
    }

    @Override
    public boolean isRunning() {
        return writer != null;
    }

    /** The lowest phase: started before, and stopped after, everything that takes requests (the web server). */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE;
    }

    private void run() {
        List<AuditEvent> batch = new ArrayList<>(MAX_BATCH);
        while (writer == Thread.currentThread()) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                break;
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            writeCounted(batch);
            batch.clear();
        }
    }

    private void drain() {
        List<AuditEvent> batch = new ArrayList<>(MAX_BATCH);
        while (queue.drainTo(batch, MAX_BATCH) > 0) {
            writeCounted(batch);
            batch.clear();
        }
    }

    private void writeCounted(List<AuditEvent> batch) {
        write(batch);
        synchronized (progress) {
            finished += batch.size();
            progress.notifyAll();
        }
    }

    /** Never throws: an event that cannot be appended is logged at ERROR with everything its row would have held. */
    private void write(List<AuditEvent> events) {
        try {
            trail.appendAll(events);
        } catch (RuntimeException e) {
            events.forEach(event -> log.error("audit event not recorded: {}", event, e));
        }
    }
}
