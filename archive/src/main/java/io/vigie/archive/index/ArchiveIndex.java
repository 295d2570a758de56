package io.vigie.archive.index;

import io.vigie.archive.InstanceAttributes;
import io.vigie.archive.StoredInstance;
import io.vigie.archive.StudyQuery;
import io.vigie.archive.StudySummary;
import io.vigie.archive.query.IndexQuery;
import io.vigie.archive.query.IndexRecord;
import io.vigie.archive.query.IndexedAttribute;
import io.vigie.archive.query.QueryLevel;
import java.sql.Array;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.TransactionTemplate;

/** The PostgreSQL index of the archive: writes one instance with its patient, study and series; answers queries. */
public final class ArchiveIndex {

    /** Series rows remembered; bounded, since forgetting one only costs the look-ups it saves. */
    private static final int REMEMBERED_SERIES = 10_000;

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    /**
     * The series row of each Series Instance UID indexed by this process. A series has hundreds of instances: once
     * its patient, study and series rows exist, an instance is one statement and its commit instead of three look-ups
     * more (ingest on one association waits on every round trip).
     */
    private final Map<String, Long> seriesPks = new ConcurrentHashMap<>();

    public ArchiveIndex(DataSource dataSource) {
        this(dataSource, Clock.systemUTC());
    }

    /** @param clock the time of arrival recorded per series, from which its quiet period counts */
    public ArchiveIndex(DataSource dataSource, Clock clock) {
        this.jdbc = JdbcClient.create(dataSource);
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.clock = clock;
    }

    /**
     * Indexes one instance, creating its patient, study and series rows when they are new, in one transaction. A new
     * instance also moves its series' last arrival and revision, so that the series counts as incomplete again.
     *
     * @return false if an instance with this SOP Instance UID was already indexed (nothing is changed then)
     */
    public boolean insert(InstanceAttributes a, String storageKey, long sizeBytes, String sha256) {
        return insert(a, storageKey, sizeBytes, sha256, null);
    }

    /**
     * As {@link #insert(InstanceAttributes, String, long, String)}; a new study is recorded as of {@code site} (null:
     * the schema's default site). A study keeps the site it was first indexed with. Not to be called inside a
     * transaction: the row is committed when this returns.
     *
     * @throws TransactionSystemException when the database failed after the row may have been committed: whether it
     *                                    was is unknown, so whatever the row points to must stay
     */
    public boolean insert(InstanceAttributes a, String storageKey, long sizeBytes, String sha256, String site) {
        Long knownSeries = seriesPks.get(a.seriesInstanceUid());
        if (knownSeries != null) {
            try {
                return insertCommitted(knownSeries, a, storageKey, sizeBytes, sha256, Timestamp.from(clock.instant()));
            } catch (DataIntegrityViolationException seriesGone) {
                // The remembered series row no longer exists: forget it and index the instance the long way.
                seriesPks.remove(a.seriesInstanceUid());
            }
        }
        long[] series = new long[1];
        Boolean inserted = transaction.execute(status -> {
            Timestamp now = Timestamp.from(clock.instant());
            long patient = patientPk(a);
            long study = studyPk(a, patient, site);
            series[0] = seriesPk(a, study, now);
            return insertInto(series[0], a, storageKey, sizeBytes, sha256, now);
        });
        remember(a.seriesInstanceUid(), series[0]); // only once committed
        return Boolean.TRUE.equals(inserted);
    }

    /**
     * {@link #insertInto} as a statement of its own, committed with it (autocommit, as the vault's rows are): one
     * round trip to the database, where a transaction takes two (the statement, then the commit). On one
     * association every instance waits for these. The statement is atomic by itself, so nothing is lost by not
     * wrapping it.
     */
    private boolean insertCommitted(long series, InstanceAttributes a, String storageKey, long sizeBytes,
            String sha256, Timestamp now) {
        try {
            return insertInto(series, a, storageKey, sizeBytes, sha256, now);
        } catch (CannotGetJdbcConnectionException | DataIntegrityViolationException notCommitted) {
            throw notCommitted; // no connection, so nothing was sent; or the database refused the statement
        } catch (DataAccessException connectionFailed) {
            // Its commit is the statement's end: a connection lost meanwhile may have come after it.
            throw new TransactionSystemException("the index row of " + a.sopInstanceUid()
                    + " may or may not have been committed", connectionFailed);
        }
    }

    /**
     * The instance row and, if it is new, its series' last arrival and revision, in one statement. The "series
     * complete" quiet period counts from the newest instance; greatest() keeps it from moving back when gateways with
     * slightly different clocks write to one series.
     */
    private boolean insertInto(long series, InstanceAttributes a, String storageKey, long sizeBytes, String sha256,
            Timestamp now) {
        int rows = jdbc.sql("""
                with added as (
                    insert into instance (series_fk, sop_instance_uid, sop_class_uid, instance_number,
                                          transfer_syntax_uid, storage_key, size_bytes, sha256)
                    values (?, ?, ?, ?, ?, ?, ?, ?)
                    on conflict (sop_instance_uid) do nothing
                    returning series_fk)
                update series set last_instance_at = greatest(last_instance_at, ?), revision = revision + 1
                 where pk = (select series_fk from added)""")
                .params(series, a.sopInstanceUid(), a.sopClassUid(), a.instanceNumber(), a.transferSyntaxUid(),
                        storageKey, sizeBytes, sha256, now)
                .update();
        return rows == 1;
    }

    private void remember(String seriesInstanceUid, long series) {
        if (seriesPks.size() >= REMEMBERED_SERIES) {
            seriesPks.clear();
        }
        seriesPks.put(seriesInstanceUid, series);
    }

    public Optional<StoredInstance> findInstance(String sopInstanceUid) {
        return jdbc.sql(INSTANCE_SELECT + "where i.sop_instance_uid = ?")
                .param(sopInstanceUid).query(ArchiveIndex::storedInstance).optional();
    }

    /** The instances of a study, optionally narrowed to one series and one instance, in series / instance order. */
    public List<StoredInstance> findInstances(String studyUid, String seriesUid, String sopInstanceUid) {
        return findInstances(studyUid, seriesUid, sopInstanceUid, null);
    }

    /** As {@link #findInstances(String, String, String)}, for a study of one of {@code sites} (null: any site). */
    public List<StoredInstance> findInstances(String studyUid, String seriesUid, String sopInstanceUid,
            Set<String> sites) {
        if (sites != null && sites.isEmpty()) {
            return List.of(); // no placeholder list can be empty
        }
        JdbcClient.StatementSpec statement = jdbc.sql(INSTANCE_SELECT + """

                 where st.study_instance_uid = :study
                   and (cast(:series as text) is null or se.series_instance_uid = :series)
                   and (cast(:sop as text) is null or i.sop_instance_uid = :sop)
                """ + (sites == null ? "" : "   and st.site in (:sites)\n") + """
                 order by se.series_number nulls last, se.pk, i.instance_number nulls last, i.pk""")
                .param("study", studyUid).param("series", seriesUid).param("sop", sopInstanceUid);
        if (sites != null) {
            statement = statement.param("sites", List.copyOf(sites));
        }
        return statement.query(ArchiveIndex::storedInstance).list();
    }

    /** The sites with a study of this (pseudonymous) patient; empty when the patient is not archived. */
    public Set<String> sitesOfPatient(String patientId) {
        return Set.copyOf(jdbc.sql("select distinct st.site from study st join patient p on p.pk = st.patient_fk"
                + " where p.patient_id = ?").param(patientId).query(String.class).list());
    }

    public Optional<String> siteOfStudy(String studyUid) {
        return jdbc.sql("select site from study where study_instance_uid = ?").param(studyUid).query(String.class)
                .optional();
    }

    public List<StudySummary> findStudies(StudyQuery q) {
        return jdbc.sql("""
                select p.patient_id, p.patient_name, p.patient_sex, st.study_instance_uid, st.study_date,
                       st.study_time, st.accession_number, st.study_id, st.study_description,
                       (select array_agg(distinct se.modality order by se.modality) from series se
                         where se.study_fk = st.pk and se.modality is not null) as modalities,
                       (select count(*) from series se where se.study_fk = st.pk) as series_count,
                       (select count(*) from instance i join series se on se.pk = i.series_fk
                         where se.study_fk = st.pk) as instance_count
                  from study st join patient p on p.pk = st.patient_fk
                 where (cast(:patientId as text) is null or p.patient_id like :patientId escape '\\')
                   and (cast(:dateFrom as date) is null or st.study_date >= :dateFrom)
                   and (cast(:dateTo as date) is null or st.study_date <= :dateTo)
                   and (cast(:studyUid as text) is null or st.study_instance_uid = :studyUid)
                   and (cast(:modality as text) is null or exists (
                        select 1 from series se where se.study_fk = st.pk and se.modality = :modality))
                 order by st.study_date desc nulls last, st.pk
                 limit :limit offset :offset""")
                .param("patientId", likePattern(q.patientId()))
                .param("dateFrom", q.studyDateFrom() == null ? null : Date.valueOf(q.studyDateFrom()))
                .param("dateTo", q.studyDateTo() == null ? null : Date.valueOf(q.studyDateTo()))
                .param("studyUid", q.studyInstanceUid())
                .param("modality", q.modality())
                .param("limit", q.limit())
                .param("offset", q.offset())
                .query(ArchiveIndex::studySummary).list();
    }

    /**
     * The entities of the query's level that match it (C-FIND), with the values of {@code returned}, which must be
     * attributes of that level or above; at most {@code limit} of them, in a stable order.
     */
    public List<IndexRecord> find(IndexQuery query, Set<IndexedAttribute> returned, int limit) {
        return find(query, returned, limit, 0);
    }

    /** As {@link #find(IndexQuery, Set, int)}, skipping the first {@code offset} matches (QIDO-RS paging). */
    public List<IndexRecord> find(IndexQuery query, Set<IndexedAttribute> returned, int limit, int offset) {
        List<IndexedAttribute> columns = List.copyOf(returned);
        for (IndexedAttribute attribute : columns) {
            if (!query.level().isAtOrBelow(attribute.level())) {
                throw new IllegalArgumentException(attribute.keyword() + " is below the " + query.level() + " level");
            }
        }
        StringBuilder select = new StringBuilder("select 1 as row_marker");
        for (int i = 0; i < columns.size(); i++) {
            select.append(", ").append(IndexQuerySql.valueOf(columns.get(i))).append(" as v").append(i);
        }
        IndexQuerySql sql = new IndexQuerySql();
        String where = sql.where(query);
        return jdbc.sql(select + " from " + IndexQuerySql.from(query.level()) + " where " + where
                        + " order by " + IndexQuerySql.orderBy(query.level()) + " limit :limit offset :offset")
                .params(sql.parameters()).param("limit", limit).param("offset", offset)
                .query((rs, row) -> indexRecord(rs, columns)).list();
    }

    /** Every instance of the entities that match the query (what a C-MOVE or C-GET sends), in a stable order. */
    public List<StoredInstance> findInstances(IndexQuery query) {
        IndexQuerySql sql = new IndexQuerySql();
        String where = sql.where(query);
        return jdbc.sql(INSTANCE_SELECT + " join patient p on p.pk = st.patient_fk where " + where
                        + " order by " + IndexQuerySql.orderBy(QueryLevel.IMAGE))
                .params(sql.parameters())
                .query(ArchiveIndex::storedInstance).list();
    }

    /**
     * The DICOM JSON kept for each of these instances (see {@link #saveMetadataJson}), by SOP Instance UID; instances
     * without one are left out.
     */
    public Map<String, String> findMetadataJson(List<String> sopInstanceUids) {
        if (sopInstanceUids.isEmpty()) {
            return Map.of();
        }
        Map<String, String> found = new HashMap<>();
        jdbc.sql("""
                select i.sop_instance_uid, m.dicom_json from instance_metadata m join instance i on i.pk = m.instance_fk
                 where i.sop_instance_uid in (:uids)""")
                .param("uids", sopInstanceUids)
                .query((RowCallbackHandler) rs -> found.put(rs.getString(1), rs.getString(2)));
        return found;
    }

    /** Keeps an instance's DICOM JSON; a second save of the same instance (a concurrent first read) changes nothing. */
    public void saveMetadataJson(String sopInstanceUid, String dicomJson) {
        jdbc.sql("""
                insert into instance_metadata (instance_fk, dicom_json)
                select pk, ? from instance where sop_instance_uid = ?
                on conflict (instance_fk) do nothing""")
                .params(dicomJson, sopInstanceUid).update();
    }

    /** DICOM wildcards ({@code *}, {@code ?}) to a SQL LIKE pattern, escaping LIKE's own wildcards. */
    static String likePattern(String dicomPattern) {
        if (dicomPattern == null || dicomPattern.isEmpty()) {
            return null;
        }
        StringBuilder like = new StringBuilder();
        for (char c : dicomPattern.toCharArray()) {
            switch (c) {
                case '*' -> like.append('%');
                case '?' -> like.append('_');
                case '%', '_', '\\' -> like.append('\\').append(c);
                default -> like.append(c);
            }
        }
        return like.toString();
    }

    private long patientPk(InstanceAttributes a) {
        return findOrInsert("select pk from patient where patient_id = ?", List.of(a.patientId()),
                "insert into patient (patient_id, patient_name, patient_sex) values (?, ?, ?) "
                        + "on conflict (patient_id) do nothing returning pk",
                Arrays.asList(a.patientId(), a.patientName(), a.patientSex()));
    }

    private long studyPk(InstanceAttributes a, long patient, String site) {
        List<Object> values = Arrays.asList(patient, a.studyInstanceUid(),
                a.studyDate() == null ? null : Date.valueOf(a.studyDate()), a.studyTime(), a.accessionNumber(),
                a.studyId(), a.studyDescription());
        String columns = "patient_fk, study_instance_uid, study_date, study_time, accession_number, study_id, "
                + "study_description";
        String placeholders = "?, ?, ?, ?, ?, ?, ?";
        if (site != null) {
            values = new ArrayList<>(values);
            values.add(site);
            columns += ", site";
            placeholders += ", ?";
        } // else the column's default: the site the schema was migrated for (V7)
        return findOrInsert("select pk from study where study_instance_uid = ?", List.of(a.studyInstanceUid()),
                "insert into study (" + columns + ") values (" + placeholders + ") "
                        + "on conflict (study_instance_uid) do nothing returning pk", values);
    }

    private long seriesPk(InstanceAttributes a, long study, Timestamp now) {
        return findOrInsert("select pk from series where series_instance_uid = ?", List.of(a.seriesInstanceUid()),
                "insert into series (study_fk, series_instance_uid, modality, series_number, series_description, "
                        + "last_instance_at) values (?, ?, ?, ?, ?, ?) "
                        + "on conflict (series_instance_uid) do nothing returning pk",
                Arrays.asList(study, a.seriesInstanceUid(), a.modality(), a.seriesNumber(), a.seriesDescription(),
                        now));
    }

    /**
     * Most instances belong to a patient, study and series already indexed, so look first and insert only when
     * missing; "on conflict do nothing" then a second look covers two associations creating the same row at once.
     */
    private long findOrInsert(String select, List<?> selectParams, String insert, List<?> insertParams) {
        Optional<Long> found = jdbc.sql(select).params(selectParams).query(Long.class).optional();
        if (found.isPresent()) {
            return found.get();
        }
        return jdbc.sql(insert).params(insertParams).query(Long.class).optional()
                .orElseGet(() -> jdbc.sql(select).params(selectParams).query(Long.class).single());
    }

    private static final String INSTANCE_SELECT = """
            select st.study_instance_uid, se.series_instance_uid, i.sop_instance_uid, i.sop_class_uid,
                   i.transfer_syntax_uid, i.storage_key, i.size_bytes, i.sha256
              from instance i join series se on se.pk = i.series_fk join study st on st.pk = se.study_fk
            """;

    private static StoredInstance storedInstance(ResultSet rs, int row) throws SQLException {
        return new StoredInstance(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getLong(7), rs.getString(8));
    }

    private static IndexRecord indexRecord(ResultSet rs, List<IndexedAttribute> columns) throws SQLException {
        Map<IndexedAttribute, Object> values = new EnumMap<>(IndexedAttribute.class);
        for (int i = 0; i < columns.size(); i++) {
            Object value = columnValue(rs, "v" + i, columns.get(i).kind());
            if (value != null) {
                values.put(columns.get(i), value);
            }
        }
        return new IndexRecord(values);
    }

    private static Object columnValue(ResultSet rs, String column, IndexedAttribute.Kind kind) throws SQLException {
        return switch (kind) {
            case DATE -> {
                Date date = rs.getDate(column);
                yield date == null ? null : date.toLocalDate();
            }
            case INTEGER, COUNT -> {
                long number = rs.getLong(column);
                yield rs.wasNull() ? null : Math.toIntExact(number);
            }
            case CODE_SET -> {
                Array codes = rs.getArray(column);
                yield codes == null ? null : List.of((String[]) codes.getArray());
            }
            default -> {
                String text = rs.getString(column);
                yield text == null || text.isEmpty() ? null : text;
            }
        };
    }

    private static StudySummary studySummary(ResultSet rs, int row) throws SQLException {
        Date date = rs.getDate("study_date");
        Array modalities = rs.getArray("modalities");
        List<String> modalityList = modalities == null
                ? List.of() : new ArrayList<>(Arrays.asList((String[]) modalities.getArray()));
        return new StudySummary(rs.getString("patient_id"), rs.getString("patient_name"),
                rs.getString("patient_sex"), rs.getString("study_instance_uid"),
                date == null ? null : date.toLocalDate(), rs.getString("study_time"),
                rs.getString("accession_number"), rs.getString("study_id"), rs.getString("study_description"),
                List.copyOf(modalityList), rs.getInt("series_count"), rs.getInt("instance_count"));
    }
}
