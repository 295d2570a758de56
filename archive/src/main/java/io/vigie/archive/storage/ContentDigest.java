package io.vigie.archive.storage;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The SHA-256 of stored content, in lower-case hex: how the archive and the quarantine recognise a re-sent file. */
public final class ContentDigest {

    /** A fresh JVM here digested 526 KB at full speed from the fifth digest on. */
    private static final int WARM_UP_DIGESTS = 12;

    private ContentDigest() {
    }

    /**
     * Digests a few buffers of an instance's size, so that the JIT compiles SHA-256 with the processor's SHA
     * instructions before the first association. Why: until C2 compiles it, SHA-256 runs as plain Java, a hundred
     * times slower (30 ms against 0.3 ms for a CT slice of 526 KB here), and a fresh gateway's first associations
     * spent half of their processor time in it (async-profiler; docs/benchmarks.md): at start-up the compiler's queue
     * is long and this method waits its turn. Called at the very start of the process, before Spring's start-up
     * fills that queue, it costs about 60 ms of one core.
     */
    public static void warmUp() {
        byte[] instanceSized = new byte[512 * 1024];
        for (int i = 0; i < WARM_UP_DIGESTS; i++) {
            sha256(instanceSized);
        }
    }

    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
