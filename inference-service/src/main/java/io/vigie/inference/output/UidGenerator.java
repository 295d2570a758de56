package io.vigie.inference.output;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * New UIDs for the objects Vigie creates. Under {@code 2.25} (Vigie's default root, the one de-identification uses:
 * {@code vigie.deidentification.uid-root}) a UID is a UUID written as a decimal integer (ISO/IEC 9834-8, PS3.5
 * B.2), unique without registration; under a site's own registered root the same integer follows that root.
 */
public final class UidGenerator {

    public static final String VIGIE_ROOT = "2.25";

    private final String root;
    /** Null: random UIDs. Otherwise the seed of a repeatable sequence ({@link #derivedFrom}). */
    private final String seed;
    private final AtomicInteger drawn = new AtomicInteger();

    public UidGenerator(String root) {
        this(root, null);
    }

    private UidGenerator(String root, String seed) {
        if (!root.matches("[1-9][0-9]*(\\.(0|[1-9][0-9]*))*") || root.length() > 24) {
            throw new IllegalArgumentException("UID root must be a valid UID prefix of at most 24 characters: "
                    + root);
        }
        this.root = root;
        this.seed = seed;
    }

    /**
     * A repeatable sequence under {@code 2.25}: the n-th {@link #next} of two generators of the same seed is the
     * same UID (a name-based UUID of seed and n). The detection worker seeds one per analysis (series, revision,
     * model version), so a retried job writes its SR and SEG under the UIDs of the first attempt.
     */
    public static UidGenerator derivedFrom(String seed) {
        return new UidGenerator(VIGIE_ROOT, Objects.requireNonNull(seed, "seed"));
    }

    public UidGenerator() {
        this(VIGIE_ROOT);
    }

    /** A fresh UID (random UUID; or the next of the seeded sequence): at most 24 + 1 + 39 = 64 characters. */
    public String next() {
        return seed == null ? under(UUID.randomUUID()) : forName(seed + "#" + drawn.getAndIncrement());
    }

    /** The same UID for the same name: the device observer UID of one model version, for one. */
    public String forName(String name) {
        return under(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)));
    }

    private String under(UUID uuid) {
        byte[] bytes = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits()).array();
        return root + "." + new BigInteger(1, bytes);
    }
}
