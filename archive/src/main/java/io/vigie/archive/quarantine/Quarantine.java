package io.vigie.archive.quarantine;

import io.vigie.archive.ArchiveException;
import io.vigie.archive.ArchiveException.Reason;
import io.vigie.archive.storage.ContentDigest;
import io.vigie.archive.storage.FileStore;
import java.io.IOException;
import java.io.InputStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Instances the gateway could not archive, kept aside as received for an administrator. Files live in a file store
 * of their own (never under the archive's instance folders, which hold de-identified data only), named by their
 * SHA-256; a row is written only once its file is durable, and a re-sent identical item with the same reason is kept
 * once.
 */
public final class Quarantine {

    public static final int MAX_LIMIT = 1000;

    /** Reasons are short messages; the cap keeps a pathological one within PostgreSQL's unique-index entry limit. */
    static final int MAX_REASON_LENGTH = 1000;

    private final FileStore files;
    private final JdbcClient jdbc;

    public Quarantine(FileStore files, DataSource dataSource) {
        this.files = files;
        this.jdbc = JdbcClient.create(dataSource);
    }

    /**
     * Keeps {@code content} with its reason: the file durably first, then its row.
     *
     * @return the new row, or the existing one when the same content was already kept for the same reason
     * @throws ArchiveException when the file store ({@link Reason#STORAGE}) or the database ({@link Reason#INDEX})
     *                          fails; no row then exists without its file
     */
    public QuarantinedItem keep(byte[] content, String reason, String callingAeTitle, String sopClassUid,
            String transferSyntaxUid) {
        Objects.requireNonNull(content, "content");
        String why = reason == null || reason.isBlank() ? "no reason given" : reason.strip();
        if (why.length() > MAX_REASON_LENGTH) {
            why = why.substring(0, MAX_REASON_LENGTH);
        }
        String sha256 = ContentDigest.sha256(content);
        String key = storageKey(sha256);
        try {
            // Named by content, so an existing file is this very content: createIfAbsent leaves it as it is.
            files.createIfAbsent(key, content);
        } catch (IOException e) {
            throw new ArchiveException(Reason.STORAGE, "cannot write quarantine file " + key + ": " + e.getMessage(),
                    e);
        }
        // A failed insert leaves the file in place rather than deleting it: another row (same content, another
        // reason) may share it, and the sender, told the failure, re-sends and finds it again.
        try {
            Optional<QuarantinedItem> inserted = jdbc.sql("""
                    insert into quarantine (calling_ae_title, reason, sop_class_uid, transfer_syntax_uid,
                                            storage_key, size_bytes, sha256)
                    values (?, ?, ?, ?, ?, ?, ?)
                    on conflict (sha256, reason) do nothing
                    returning""" + " " + COLUMNS)
                    .params(callingAeTitle, why, sopClassUid, transferSyntaxUid, key, (long) content.length, sha256)
                    .query(Quarantine::item).optional();
            if (inserted.isPresent()) {
                return inserted.get();
            }
            return jdbc.sql("select " + COLUMNS + " from quarantine where sha256 = ? and reason = ?")
                    .params(sha256, why).query(Quarantine::item).single();
        } catch (DataAccessException e) {
            throw new ArchiveException(Reason.INDEX, "quarantine database unavailable", e);
        }
    }

    /** The newest items first. */
    public List<QuarantinedItem> list(int limit, int offset) {
        int rows = limit <= 0 || limit > MAX_LIMIT ? MAX_LIMIT : limit;
        return jdbc.sql("select " + COLUMNS + " from quarantine order by id desc limit ? offset ?")
                .params(rows, Math.max(0, offset)).query(Quarantine::item).list();
    }

    /** How many items are kept (a re-sent identical item counts once), for monitoring. */
    public long count() {
        return jdbc.sql("select count(*) from quarantine").query(Long.class).single();
    }

    public Optional<QuarantinedItem> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from quarantine where id = ?").param(id)
                .query(Quarantine::item).optional();
    }

    /**
     * What was received, byte for byte, for the item with this id.
     *
     * @throws ArchiveException ({@link Reason#STORAGE}) when the row exists but its file cannot be read
     */
    public Optional<byte[]> content(long id) {
        return find(id).map(item -> {
            try (InputStream in = files.open(item.storageKey())) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new ArchiveException(Reason.STORAGE, "cannot read quarantine file " + item.storageKey(), e);
            }
        });
    }

    /** {@code <first two hex digits>/<sha256>}: content-addressed, spread over 256 folders. */
    static String storageKey(String sha256) {
        return sha256.substring(0, 2) + "/" + sha256;
    }

    private static final String COLUMNS = "id, received_at, calling_ae_title, reason, sop_class_uid, "
            + "transfer_syntax_uid, storage_key, size_bytes, sha256";

    private static QuarantinedItem item(ResultSet rs, int row) throws SQLException {
        return new QuarantinedItem(rs.getLong("id"), rs.getTimestamp("received_at").toInstant(),
                rs.getString("calling_ae_title"), rs.getString("reason"), rs.getString("sop_class_uid"),
                rs.getString("transfer_syntax_uid"), rs.getString("storage_key"), rs.getLong("size_bytes"),
                rs.getString("sha256"));
    }
}
