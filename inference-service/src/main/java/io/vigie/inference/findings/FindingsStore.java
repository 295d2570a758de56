package io.vigie.inference.findings;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code analysis} and {@code finding} tables (V6): what the detection workers write and radiologists read and
 * review. An analysis is unique per (series, model name, model version); {@link #record} writes it with its findings
 * in one transaction and never twice, so a job done again (a retry, a second worker after a lost lease) changes
 * nothing. A later revision of a series (instances arrived after it was analysed) replaces the earlier analysis of
 * the same model version, findings and reviews included: they were about another volume.
 */
public final class FindingsStore {

    /** The most rows one read returns (pagination). */
    public static final int MAX_LIMIT = 1000;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Long>> TIMINGS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;

    public FindingsStore(DataSource dataSource, Clock clock) {
        this.jdbc = JdbcClient.create(Objects.requireNonNull(dataSource, "dataSource"));
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The revision at which this model version analysed the series, if it did.
     */
    public Optional<Integer> analysedRevision(String seriesInstanceUid, ModelVersion model) {
        return jdbc.sql("""
                select a.series_revision from analysis a join series se on se.pk = a.series_fk
                 where se.series_instance_uid = ? and a.model_name = ? and a.model_version = ?""")
                .params(seriesInstanceUid, model.name(), model.version()).query(Integer.class).optional();
    }

    /**
     * Records an analysis and its findings in one transaction, unless this model version analysed the series at this
     * revision or a later one already.
     *
     * @return true if this call wrote the analysis; false if it was there already (nothing changed)
     * @throws IllegalArgumentException if the series is not in the index
     */
    public boolean record(AnalysisResult result) {
        Boolean written = transaction.execute(status -> {
            long seriesPk = jdbc.sql("select pk from series where series_instance_uid = ?")
                    .param(result.seriesInstanceUid()).query(Long.class).optional()
                    .orElseThrow(() -> new IllegalArgumentException("series " + result.seriesInstanceUid()
                            + " is not in the archive"));
            // One statement decides, whatever other workers do at the same time: the unique constraint serialises
            // them, and the row is only replaced by a later revision.
            Optional<Long> analysis = jdbc.sql("""
                    insert into analysis (series_fk, series_revision, model_name, model_version, status, reason,
                                          sr_sop_instance_uid, seg_sop_instance_uid, timings_ms, created_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?)
                    on conflict (series_fk, model_name, model_version) do update
                       set series_revision = excluded.series_revision, status = excluded.status,
                           reason = excluded.reason, sr_sop_instance_uid = excluded.sr_sop_instance_uid,
                           seg_sop_instance_uid = excluded.seg_sop_instance_uid, timings_ms = excluded.timings_ms,
                           created_at = excluded.created_at
                     where analysis.series_revision < excluded.series_revision
                    returning id""")
                    .params(seriesPk, result.seriesRevision(), result.model().name(), result.model().version(),
                            result.status().sqlName(), result.reason(), result.srSopInstanceUid(),
                            result.segSopInstanceUid(), JSON.writeValueAsString(result.timingsMs()),
                            Timestamp.from(clock.instant()))
                    .query(Long.class).optional();
            if (analysis.isEmpty()) {
                return false;
            }
            jdbc.sql("delete from finding where analysis_fk = ?").param(analysis.get()).update();
            for (TrackedFinding f : result.findings()) {
                jdbc.sql("""
                        insert into finding (analysis_fk, tracking_uid, tracking_id, centre_x_mm, centre_y_mm,
                                             centre_z_mm, diameter_mm, volume_mm3, probability, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                        .params(analysis.get(), f.trackingUid(), f.trackingId(), f.centreXMm(), f.centreYMm(),
                                f.centreZMm(), f.diameterMm(), f.volumeMm3(), f.probability(),
                                Timestamp.from(clock.instant()))
                        .update();
            }
            return true;
        });
        return Boolean.TRUE.equals(written);
    }

    /** The site (hospital) a study came from ({@code study.site}); empty when the archive has no such study. */
    public Optional<String> siteOfStudy(String studyInstanceUid) {
        return jdbc.sql("select site from study where study_instance_uid = ?").param(studyInstanceUid)
                .query(String.class).optional();
    }

    /** The study a series belongs to. */
    public Optional<String> studyOfSeries(String seriesInstanceUid) {
        return jdbc.sql("""
                select st.study_instance_uid from series se join study st on st.pk = se.study_fk
                 where se.series_instance_uid = ?""").param(seriesInstanceUid).query(String.class).optional();
    }

    /** Every analysis of the study's series, by series then model. */
    public List<StoredAnalysis> analysesOfStudy(String studyInstanceUid) {
        return jdbc.sql(ANALYSIS_SELECT + " where st.study_instance_uid = ? order by se.series_instance_uid, "
                        + "a.model_name, a.model_version")
                .param(studyInstanceUid).query(FindingsStore::analysis).list();
    }

    /** Every analysis of one series (one per model version). */
    public List<StoredAnalysis> analysesOfSeries(String seriesInstanceUid) {
        return jdbc.sql(ANALYSIS_SELECT + " where se.series_instance_uid = ? order by a.model_name, a.model_version")
                .param(seriesInstanceUid).query(FindingsStore::analysis).list();
    }

    /** A page of the study's findings: by series, model, then most probable first. */
    public List<StoredFinding> findingsOfStudy(String studyInstanceUid, int limit, int offset) {
        checkPage(limit, offset);
        return jdbc.sql(FINDING_SELECT + " where st.study_instance_uid = ? "
                        + "order by se.series_instance_uid, a.model_name, a.model_version, f.probability desc, f.id "
                        + "limit ? offset ?")
                .params(studyInstanceUid, limit, offset).query(FindingsStore::finding).list();
    }

    public int countFindingsOfStudy(String studyInstanceUid) {
        return jdbc.sql("select count(*) " + FINDING_FROM + " where st.study_instance_uid = ?")
                .param(studyInstanceUid).query(Integer.class).single();
    }

    /** The findings of one analysis, most probable first. */
    public List<StoredFinding> findingsOfAnalysis(long analysisId) {
        return jdbc.sql(FINDING_SELECT + " where a.id = ? order by f.probability desc, f.id")
                .param(analysisId).query(FindingsStore::finding).list();
    }

    public Optional<StoredFinding> finding(String trackingUid) {
        return jdbc.sql(FINDING_SELECT + " where f.tracking_uid = ?").param(trackingUid)
                .query(FindingsStore::finding).optional();
    }

    /**
     * Records a radiologist's decision on a finding (a later decision replaces an earlier one).
     *
     * @return the finding as now recorded; empty if no finding has this tracking UID
     */
    public Optional<StoredFinding> review(String trackingUid, ReviewDecision decision, String reviewer) {
        int updated = jdbc.sql("""
                update finding set review_status = ?, reviewed_by = ?, reviewed_at = ? where tracking_uid = ?""")
                .params(decision.sqlName(), reviewer, Timestamp.from(clock.instant()), trackingUid).update();
        return updated == 0 ? Optional.empty() : finding(trackingUid);
    }

    private static void checkPage(int limit, int offset) {
        if (limit < 1 || limit > MAX_LIMIT || offset < 0) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT
                    + " and offset not negative");
        }
    }

    private static final String ANALYSIS_SELECT = """
            select a.id, st.study_instance_uid, se.series_instance_uid, a.series_revision, a.model_name,
                   a.model_version, a.status, a.reason, a.sr_sop_instance_uid, a.seg_sop_instance_uid,
                   a.timings_ms::text as timings, a.created_at,
                   (select count(*) from finding f where f.analysis_fk = a.id) as finding_count
              from analysis a join series se on se.pk = a.series_fk join study st on st.pk = se.study_fk""";

    private static final String FINDING_FROM = """
            from finding f join analysis a on a.id = f.analysis_fk join series se on se.pk = a.series_fk
                 join study st on st.pk = se.study_fk""";

    private static final String FINDING_SELECT = """
            select se.series_instance_uid, a.model_name, a.model_version, a.sr_sop_instance_uid,
                   a.seg_sop_instance_uid, f.tracking_uid, f.tracking_id, f.centre_x_mm, f.centre_y_mm,
                   f.centre_z_mm, f.diameter_mm, f.volume_mm3, f.probability, f.review_status, f.reviewed_by,
                   f.reviewed_at
            """ + FINDING_FROM;

    private static StoredAnalysis analysis(ResultSet rs, int row) throws SQLException {
        String timings = rs.getString("timings");
        Map<String, Long> timingsMs = timings == null ? Map.of() : new LinkedHashMap<>(JSON.readValue(timings,
                TIMINGS));
        return new StoredAnalysis(rs.getLong("id"), rs.getString("study_instance_uid"),
                rs.getString("series_instance_uid"), rs.getInt("series_revision"),
                new ModelVersion(rs.getString("model_name"), rs.getString("model_version")),
                AnalysisStatus.fromSql(rs.getString("status")), rs.getString("reason"),
                rs.getString("sr_sop_instance_uid"), rs.getString("seg_sop_instance_uid"), timingsMs,
                rs.getInt("finding_count"), instant(rs, "created_at"));
    }

    private static StoredFinding finding(ResultSet rs, int row) throws SQLException {
        TrackedFinding finding = new TrackedFinding(rs.getString("tracking_uid"), rs.getString("tracking_id"),
                rs.getDouble("centre_x_mm"), rs.getDouble("centre_y_mm"), rs.getDouble("centre_z_mm"),
                rs.getDouble("diameter_mm"), rs.getDouble("volume_mm3"), rs.getDouble("probability"));
        return new StoredFinding(rs.getString("series_instance_uid"),
                new ModelVersion(rs.getString("model_name"), rs.getString("model_version")),
                rs.getString("sr_sop_instance_uid"), rs.getString("seg_sop_instance_uid"), finding,
                rs.getString("review_status"), rs.getString("reviewed_by"), instant(rs, "reviewed_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
