package io.vigie.archive.research;

import io.vigie.archive.StoredInstance;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The research side of the index: findings (V6) with their series, study and patient, filtered by a
 * {@link FindingFilter} and restricted to sites. A cohort is the set of findings a filter matches, and the series,
 * studies and patients that hold them. Every value given is a bind parameter; only fixed SQL is written.
 */
public final class ResearchIndex {

    /** The joins from a finding up to its patient, with the date of the patient's first study. */
    private static final String FROM = """
             from finding f
             join analysis a on a.id = f.analysis_fk
             join series se on se.pk = a.series_fk
             join study st on st.pk = se.study_fk
             join patient p on p.pk = st.patient_fk
             left join lateral (select min(x.study_date) as first_date from study x where x.patient_fk = p.pk) fs
               on true
            """;

    private static final String WHERE = """
             where (cast(:minDiameter as double precision) is null or f.diameter_mm >= :minDiameter)
               and (cast(:maxDiameter as double precision) is null or f.diameter_mm <= :maxDiameter)
               and (cast(:lesionType as text) is null or f.lesion_type = :lesionType)
               and (cast(:reviewStatus as text) is null or f.review_status = :reviewStatus)
               and (cast(:modelName as text) is null or a.model_name = :modelName)
               and (cast(:modelVersion as text) is null or a.model_version = :modelVersion)
               and (cast(:fromDay as integer) is null or st.study_date - fs.first_date >= :fromDay)
               and (cast(:toDay as integer) is null or st.study_date - fs.first_date <= :toDay)
            """;

    private final JdbcClient jdbc;

    public ResearchIndex(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    /**
     * A page of the findings the filter matches, in a stable order (by finding id).
     *
     * @param sites only findings of studies of these sites; null for every site
     */
    public List<ResearchFinding> findings(FindingFilter filter, Set<String> sites, int limit, int offset) {
        if (sites != null && sites.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        select f.tracking_uid, f.tracking_id, f.lesion_type, f.centre_x_mm, f.centre_y_mm,
                               f.centre_z_mm, f.diameter_mm, f.volume_mm3, f.probability, f.review_status,
                               a.model_name, a.model_version, st.site, p.patient_id, st.study_instance_uid,
                               se.series_instance_uid, st.study_date - fs.first_date as day_offset
                        """ + FROM + WHERE + siteCondition(sites) + " order by f.id limit :limit offset :offset")
                .params(parameters(filter, sites)).param("limit", limit).param("offset", offset)
                .query(ResearchIndex::finding).list();
    }

    /** How many patients, studies, series and findings the filter's cohort holds. */
    public CohortCount count(FindingFilter filter, Set<String> sites) {
        if (sites != null && sites.isEmpty()) {
            return new CohortCount(0, 0, 0, 0);
        }
        return jdbc.sql("select count(distinct p.pk), count(distinct st.pk), count(distinct se.pk), count(*)"
                        + FROM + WHERE + siteCondition(sites))
                .params(parameters(filter, sites))
                .query((rs, row) -> new CohortCount(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
                .single();
    }

    /**
     * A page of the instances of the cohort's series (every instance of each series holding a matching finding),
     * in a stable order, for an export read page by page.
     */
    public List<StoredInstance> instances(FindingFilter filter, Set<String> sites, int limit, int offset) {
        if (sites != null && sites.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        select st.study_instance_uid, se.series_instance_uid, i.sop_instance_uid, i.sop_class_uid,
                               i.transfer_syntax_uid, i.storage_key, i.size_bytes, i.sha256
                          from instance i join series se on se.pk = i.series_fk join study st on st.pk = se.study_fk
                         where se.pk in (select a.series_fk""" + FROM + WHERE + siteCondition(sites) + ")"
                        + " order by i.pk limit :limit offset :offset")
                .params(parameters(filter, sites)).param("limit", limit).param("offset", offset)
                .query((rs, row) -> new StoredInstance(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getLong(7), rs.getString(8)))
                .list();
    }

    private static String siteCondition(Set<String> sites) {
        return sites == null ? "" : " and st.site in (:sites)";
    }

    private static Map<String, Object> parameters(FindingFilter filter, Set<String> sites) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("minDiameter", filter.minDiameterMm());
        parameters.put("maxDiameter", filter.maxDiameterMm());
        parameters.put("lesionType", filter.lesionType());
        parameters.put("reviewStatus", filter.reviewStatus());
        parameters.put("modelName", filter.modelName());
        parameters.put("modelVersion", filter.modelVersion());
        parameters.put("fromDay", filter.fromDay());
        parameters.put("toDay", filter.toDay());
        if (sites != null) {
            parameters.put("sites", List.copyOf(sites));
        }
        return parameters;
    }

    private static ResearchFinding finding(ResultSet rs, int row) throws SQLException {
        int day = rs.getInt("day_offset");
        Integer dayOffset = rs.wasNull() ? null : day;
        return new ResearchFinding(rs.getString("tracking_uid"), rs.getString("tracking_id"),
                rs.getString("lesion_type"), rs.getDouble("centre_x_mm"), rs.getDouble("centre_y_mm"),
                rs.getDouble("centre_z_mm"), rs.getDouble("diameter_mm"), rs.getDouble("volume_mm3"),
                rs.getDouble("probability"), rs.getString("review_status"), rs.getString("model_name"),
                rs.getString("model_version"), rs.getString("site"), rs.getString("patient_id"),
                rs.getString("study_instance_uid"), rs.getString("series_instance_uid"), dayOffset);
    }
}
