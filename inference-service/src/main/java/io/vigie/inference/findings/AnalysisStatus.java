package io.vigie.inference.findings;

import java.util.Locale;

/** {@code analysis.status}: the series was analysed (with zero or more findings), or could not be, for a reason. */
public enum AnalysisStatus {
    ANALYSED,
    NOT_ANALYSABLE;

    public String sqlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static AnalysisStatus fromSql(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
