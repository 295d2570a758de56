package io.vigie.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the start-up clean-up must never stop: a live process that merely has the pid in a stale postmaster.pid, and a
 * server whose owner still holds the folder's lock. (Stopping a real orphan is shown by CrashRecoveryIT.)
 */
class OrphanedPostmasterTest {

    @TempDir
    Path dataDirectory;

    @Test
    void leavesAliveAProcessThatIsNotAPostgresServerOnThisFolder() throws Exception {
        Process unrelated = new ProcessBuilder("sleep", "30").start();
        try {
            Files.writeString(dataDirectory.resolve("postmaster.pid"), unrelated.pid() + "\n" + dataDirectory + "\n");
            OrphanedPostmaster.stopIfOrphaned(dataDirectory, Duration.ofSeconds(1));
            assertThat(unrelated.waitFor(200, TimeUnit.MILLISECONDS)).isFalse();
        } finally {
            unrelated.destroyForcibly();
        }
    }

    @Test
    void leavesAloneAServerWhoseOwnerStillHoldsTheLock() throws Exception {
        Process server = postgresLookalike();
        try (FileChannel lock = FileChannel.open(dataDirectory.resolve("epg-lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
             FileLock held = lock.lock()) {
            Files.writeString(dataDirectory.resolve("postmaster.pid"), server.pid() + "\n");
            OrphanedPostmaster.stopIfOrphaned(dataDirectory, Duration.ofSeconds(1));
            assertThat(server.waitFor(200, TimeUnit.MILLISECONDS)).isFalse();
        } finally {
            server.destroyForcibly();
        }
    }

    @Test
    void stopsAServerNoLiveProcessOwns() throws Exception {
        Process server = postgresLookalike();
        try {
            Files.writeString(dataDirectory.resolve("epg-lock"), "");
            Files.writeString(dataDirectory.resolve("postmaster.pid"), server.pid() + "\n");
            OrphanedPostmaster.stopIfOrphaned(dataDirectory, Duration.ofSeconds(10));
            assertThat(server.isAlive()).isFalse();
        } finally {
            server.destroyForcibly();
        }
    }

    /** A process that looks like what the clean-up looks for: an executable named postgres, "-D <folder>". */
    private Process postgresLookalike() throws Exception {
        Path postgres = Files.createDirectories(dataDirectory.resolve("bin")).resolve("postgres");
        Files.copy(Path.of("/bin/sh"), postgres);
        postgres.toFile().setExecutable(true);
        // A shell blocked in its read builtin: no child process to leave behind.
        return new ProcessBuilder(postgres.toString(), "-c", "read line", "-D", dataDirectory.toString()).start();
    }
}
