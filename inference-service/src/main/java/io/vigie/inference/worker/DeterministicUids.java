package io.vigie.inference.worker;

import io.vigie.inference.findings.ModelVersion;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * UIDs derived from an analysis' identity rather than drawn at random: {@code 2.25.<128-bit integer>} (PS3.5 B.2)
 * from a SHA-256 of the seed and a name. A job that crashed after storing its SR and is run again then makes the
 * same SR under the same UIDs, which the archive already holds: nothing is made twice, nothing is left half done.
 */
public final class DeterministicUids {

    private DeterministicUids() {
    }

    /** The identity of one analysis: series, revision and model version. */
    public static String seed(String seriesInstanceUid, int seriesRevision, ModelVersion model) {
        return String.join("|", "vigie-analysis", seriesInstanceUid, Integer.toString(seriesRevision), model.name(),
                model.version());
    }

    /** The UID named {@code name} (e.g. "sr-instance", "finding-0") of the analysis {@code seed}. */
    public static String uid(String seed, String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((seed + "|" + name).getBytes(StandardCharsets.UTF_8));
            return "2.25." + new BigInteger(1, Arrays.copyOf(digest, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
