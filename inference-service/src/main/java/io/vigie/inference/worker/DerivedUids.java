package io.vigie.inference.worker;

import io.vigie.inference.findings.ModelVersion;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The UIDs of what one analysis makes: its SR and SEG (series and instance) and each finding's tracking UID. They
 * are derived from (series, revision, model version), never random, so a job that crashed after storing its SR and
 * is run again makes the same SR, which the archive already holds, and records the same UIDs: nothing is left half
 * done and nothing is made twice. {@code 2.25.<128-bit integer>} (PS3.5 B.2), from a SHA-256 of the inputs.
 */
public record DerivedUids(String srSeriesUid, String srSopInstanceUid, String segSeriesUid,
                          String segSopInstanceUid) {

    public static DerivedUids of(String seriesInstanceUid, int seriesRevision, ModelVersion model) {
        return new DerivedUids(
                uid(seriesInstanceUid, seriesRevision, model, "sr-series"),
                uid(seriesInstanceUid, seriesRevision, model, "sr-instance"),
                uid(seriesInstanceUid, seriesRevision, model, "seg-series"),
                uid(seriesInstanceUid, seriesRevision, model, "seg-instance"));
    }

    /** The Tracking Unique Identifier of the finding ranked {@code index} (0: most probable) of this analysis. */
    public static String trackingUid(String seriesInstanceUid, int seriesRevision, ModelVersion model, int index) {
        return uid(seriesInstanceUid, seriesRevision, model, "finding-" + index);
    }

    static String uid(String seriesInstanceUid, int seriesRevision, ModelVersion model, String what) {
        String input = String.join("|", "vigie-analysis", seriesInstanceUid, Integer.toString(seriesRevision),
                model.name(), model.version(), what);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(input.getBytes(StandardCharsets.UTF_8));
            return "2.25." + new BigInteger(1, Arrays.copyOf(digest, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
