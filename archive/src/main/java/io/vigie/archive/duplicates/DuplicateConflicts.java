package io.vigie.archive.duplicates;

import io.vigie.archive.DuplicatePolicy;
import io.vigie.archive.StoredInstance;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The record of instances received again under an archived SOP Instance UID with other content, for administrators:
 * which instance, which contents, who sent it, how often, and what the archive did.
 */
public final class DuplicateConflicts {

    public static final int MAX_LIMIT = 1000;

    private final JdbcClient jdbc;

    public DuplicateConflicts(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    /**
     * Records one occurrence: a new row for a content not seen before, else one more occurrence of its row (a sender
     * retrying a rejected instance adds no rows).
     */
    public DuplicateConflict record(StoredInstance stored, String receivedSha256, long receivedSizeBytes,
            String callingAeTitle, DuplicatePolicy policy) {
        return jdbc.sql("""
                insert into duplicate_conflict (sop_instance_uid, study_instance_uid, series_instance_uid,
                                                stored_sha256, received_sha256, received_size_bytes,
                                                calling_ae_title, action)
                values (?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (sop_instance_uid, received_sha256) do update
                   set occurrences = duplicate_conflict.occurrences + 1, last_seen_at = now(),
                       calling_ae_title = excluded.calling_ae_title, action = excluded.action,
                       stored_sha256 = excluded.stored_sha256
                returning""" + " " + COLUMNS)
                .params(stored.sopInstanceUid(), stored.studyInstanceUid(), stored.seriesInstanceUid(),
                        stored.sha256(), receivedSha256, receivedSizeBytes, callingAeTitle, action(policy))
                .query(DuplicateConflicts::conflict).single();
    }

    /** The most recently seen first. */
    public List<DuplicateConflict> list(int limit, int offset) {
        int rows = limit <= 0 || limit > MAX_LIMIT ? MAX_LIMIT : limit;
        return jdbc.sql("select " + COLUMNS + " from duplicate_conflict order by last_seen_at desc, id desc "
                        + "limit ? offset ?")
                .params(rows, Math.max(0, offset)).query(DuplicateConflicts::conflict).list();
    }

    private static String action(DuplicatePolicy policy) {
        return switch (policy) {
            case KEEP_FIRST -> "kept_first";
            case REJECT -> "rejected";
        };
    }

    private static final String COLUMNS = "id, sop_instance_uid, study_instance_uid, series_instance_uid, "
            + "stored_sha256, received_sha256, received_size_bytes, calling_ae_title, action, occurrences, "
            + "first_seen_at, last_seen_at";

    private static DuplicateConflict conflict(ResultSet rs, int row) throws SQLException {
        return new DuplicateConflict(rs.getLong("id"), rs.getString("sop_instance_uid"),
                rs.getString("study_instance_uid"), rs.getString("series_instance_uid"),
                rs.getString("stored_sha256"), rs.getString("received_sha256"), rs.getLong("received_size_bytes"),
                rs.getString("calling_ae_title"), rs.getString("action"), rs.getInt("occurrences"),
                rs.getTimestamp("first_seen_at").toInstant(), rs.getTimestamp("last_seen_at").toInstant());
    }
}
