package io.vigie.inference.output;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * New UIDs for the objects Vigie creates. Under {@code 2.25} (Vigie's default root, the one de-identification uses:
 * {@code vigie.deidentification.uid-root}) a UID is a UUID written as a decimal integer (ISO/IEC 9834-8, PS3.5
 * B.2), unique without registration; under a site's own registered root the same integer follows that root.
 */
public final class UidGenerator {

    public static final String VIGIE_ROOT = "2.25";

    private final String root;

    public UidGenerator(String root) {
        if (!root.matches("[1-9][0-9]*(\\.(0|[1-9][0-9]*))*") || root.length() > 24) {
            throw new IllegalArgumentException("UID root must be a valid UID prefix of at most 24 characters: "
                    + root);
        }
        this.root = root;
    }

    public UidGenerator() {
        this(VIGIE_ROOT);
    }

    /** A fresh UID (random UUID): at most 24 + 1 + 39 = 64 characters. */
    public String next() {
        return under(UUID.randomUUID());
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
