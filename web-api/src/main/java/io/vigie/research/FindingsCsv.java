package io.vigie.research;

import io.vigie.archive.research.ResearchFinding;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Findings as CSV (RFC 4180: comma-separated, CRLF, fields with a comma, quote or line break quoted). */
final class FindingsCsv {

    static final String HEADER = String.join(",", "tracking_uid", "tracking_id", "lesion_type", "centre_x_mm",
            "centre_y_mm", "centre_z_mm", "diameter_mm", "volume_mm3", "probability", "review_status", "model_name",
            "model_version", "site", "patient_pseudonym", "study_instance_uid", "series_instance_uid",
            "day_offset") + "\r\n";

    private FindingsCsv() {
    }

    static String row(ResearchFinding f) {
        List<Object> fields = Arrays.asList(f.trackingUid(), f.trackingId(), f.lesionType(), f.centreXMm(), f.centreYMm(),
                f.centreZMm(), f.diameterMm(), f.volumeMm3(), f.probability(), f.reviewStatus(), f.modelName(),
                f.modelVersion(), f.site(), f.patientPseudonym(), f.studyInstanceUid(), f.seriesInstanceUid(),
                f.dayOffset() == null ? "" : f.dayOffset());
        return fields.stream().map(FindingsCsv::field).collect(Collectors.joining(",")) + "\r\n";
    }

    static String field(Object value) {
        String text = value == null ? "" : value.toString();
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
