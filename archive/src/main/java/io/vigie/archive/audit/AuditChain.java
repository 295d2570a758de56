package io.vigie.archive.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * How audit rows are chained: {@code hash = sha256(previous hash || canonical row)}, hex. The canonical row lists
 * every column in a fixed order, each value length-prefixed (so no value can be shifted into its neighbour) and null
 * distinct from empty. Changing this breaks every existing chain: it is part of the stored format.
 */
public final class AuditChain {

    /** The "previous hash" of the first row. */
    public static final String GENESIS = "0".repeat(64);

    private AuditChain() {
    }

    public static String hash(String previousHash, long id, AuditEvent event) {
        MessageDigest sha256 = sha256();
        sha256.update(previousHash.getBytes(StandardCharsets.US_ASCII));
        sha256.update(canonical(id, event).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(sha256.digest());
    }

    static String canonical(long id, AuditEvent event) {
        StringBuilder row = new StringBuilder();
        field(row, Long.toString(id));
        field(row, DateTimeFormatter.ISO_INSTANT.format(event.occurredAt()));
        field(row, event.type().displayName());
        field(row, Integer.toString(event.outcome().code()));
        field(row, event.subject());
        field(row, event.username());
        field(row, event.roles());
        field(row, event.site());
        field(row, event.clientAddress());
        field(row, event.request());
        field(row, event.studyInstanceUid());
        field(row, event.httpStatus() == null ? null : event.httpStatus().toString());
        field(row, event.detail());
        return row.toString();
    }

    private static void field(StringBuilder row, String value) {
        if (value == null) {
            row.append("-;");
        } else {
            row.append(value.length()).append(':').append(value).append(';');
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
