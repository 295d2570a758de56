package io.vigie.config;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL server is a process of its own: when the Vigie process that started it is killed (SIGKILL,
 * the OOM killer), the server keeps running, keeps the data folder locked, and the next start of Vigie fails ("lock
 * file postmaster.pid already exists"). This stops such an orphan before the new start. A server that a live process
 * still uses is never touched: the JVM running an embedded server holds the folder's {@code epg-lock}, and the lock
 * dies with that JVM.
 */
final class OrphanedPostmaster {

    private static final Logger log = LoggerFactory.getLogger(OrphanedPostmaster.class);

    /** zonky's lock file in the data folder, held for as long as the owning JVM runs the server. */
    private static final String OWNER_LOCK = "epg-lock";

    private OrphanedPostmaster() {
    }

    /** Stops the server running on {@code dataDirectory} if no live process owns it; waits at most {@code timeout}. */
    static void stopIfOrphaned(Path dataDirectory, Duration timeout) throws IOException {
        Optional<ProcessHandle> server = postmaster(dataDirectory);
        if (server.isEmpty() || ownedByALiveProcess(dataDirectory)) {
            return;
        }
        ProcessHandle postmaster = server.get();
        log.warn("PostgreSQL (pid {}) is still running on {}, left by a Vigie process that ended without stopping "
                + "it; stopping it", postmaster.pid(), dataDirectory);
        postmaster.destroy(); // SIGTERM: a smart shutdown, with a checkpoint; its clients died with their JVM
        if (!awaitExit(postmaster, timeout)) {
            // Committed transactions are in the WAL (fsync on), so a kill costs only a crash recovery at next start.
            log.warn("PostgreSQL (pid {}) did not stop within {}; killing it", postmaster.pid(), timeout);
            postmaster.destroyForcibly();
            if (!awaitExit(postmaster, timeout)) {
                throw new IOException("cannot stop PostgreSQL pid " + postmaster.pid() + " on " + dataDirectory);
            }
        }
    }

    /**
     * The process named in {@code postmaster.pid}, if alive and really a postgres server on this folder (a pid can be
     * reused by an unrelated process after a reboot).
     */
    private static Optional<ProcessHandle> postmaster(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        long pid;
        try {
            pid = lines.isEmpty() ? -1 : Long.parseLong(lines.get(0).trim());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(p -> isPostgresOn(p, dataDirectory.toAbsolutePath().toString()));
    }

    private static boolean isPostgresOn(ProcessHandle process, String dataDirectory) {
        ProcessHandle.Info info = process.info();
        boolean postgres = info.command().map(c -> c.endsWith("/postgres")).orElse(false);
        boolean onThisFolder = info.arguments().map(a -> Arrays.asList(a).contains(dataDirectory)).orElse(false);
        return postgres && onThisFolder;
    }

    private static boolean ownedByALiveProcess(Path dataDirectory) throws IOException {
        Path lockFile = dataDirectory.resolve(OWNER_LOCK);
        if (!Files.exists(lockFile)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            return lock == null;
        } catch (OverlappingFileLockException e) {
            return true; // this very JVM holds it
        }
    }

    private static boolean awaitExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }
}
