package io.vigie.research;

import java.time.LocalDate;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Analysis and finding rows (V6) written straight into the index, as the detection worker would write them: the
 * research API reads them, nothing here computes them.
 */
public final class ResearchRows {

    private ResearchRows() {
    }

    /** One finding of {@code model} on an archived series; its analysis is created once per series and model. */
    public static String insertFinding(DataSource dataSource, String seriesUid, String model, double diameterMm) {
        return insertFinding(dataSource, seriesUid, model, diameterMm, "pending");
    }

    public static String insertFinding(DataSource dataSource, String seriesUid, String model, double diameterMm,
            String reviewStatus) {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        jdbc.sql("""
                insert into analysis (series_fk, series_revision, model_name, model_version, status)
                select pk, revision, ?, '1.0', 'analysed' from series where series_instance_uid = ?
                on conflict (series_fk, model_name, model_version) do nothing""")
                .params(model, seriesUid).update();
        long analysis = jdbc.sql("""
                select a.id from analysis a join series se on se.pk = a.series_fk
                 where se.series_instance_uid = ? and a.model_name = ?""")
                .params(seriesUid, model).query(Long.class).single();
        String trackingUid = "2.25." + Math.abs(UUID.randomUUID().getMostSignificantBits());
        jdbc.sql("""
                insert into finding (analysis_fk, tracking_uid, tracking_id, centre_x_mm, centre_y_mm, centre_z_mm,
                                     diameter_mm, volume_mm3, probability, review_status)
                values (?, ?, 'nodule 1', 56.2, 86.3, -115.9, ?, ?, 0.9, ?)""")
                .params(analysis, trackingUid, diameterMm, Math.PI / 6 * Math.pow(diameterMm, 3), reviewStatus)
                .update();
        return trackingUid;
    }

    /**
     * {@code patients} patients of {@code site}, index rows only (no files), each with two studies {@code daysApart}
     * apart and one series per study holding one finding of {@code model}: a cohort large enough for counts that are
     * not suppressed.
     */
    public static void insertPatients(DataSource dataSource, String site, int patients, String model,
            int daysApart) {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        for (int p = 0; p < patients; p++) {
            String tag = Math.abs(UUID.randomUUID().getMostSignificantBits()) + "";
            long patient = jdbc.sql("insert into patient (patient_id) values (?) returning pk")
                    .param("SYN" + tag).query(Long.class).single();
            for (int s = 0; s < 2; s++) {
                long study = jdbc.sql("""
                        insert into study (patient_fk, study_instance_uid, study_date, site)
                        values (?, ?, ?, ?) returning pk""")
                        .params(patient, "2.25." + tag + "." + s, LocalDate.of(2001, 1, 1).plusDays((long) s * daysApart),
                                site)
                        .query(Long.class).single();
                String series = "2.25." + tag + "." + s + ".1";
                jdbc.sql("insert into series (study_fk, series_instance_uid, modality) values (?, ?, 'CT')")
                        .params(study, series).update();
                insertFinding(dataSource, series, model, 8 + 4 * s);
            }
        }
    }
}
