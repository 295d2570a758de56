package io.vigie.archive.index;

import io.vigie.archive.query.IndexQuery;
import io.vigie.archive.query.IndexedAttribute;
import io.vigie.archive.query.Match;
import io.vigie.archive.query.QueryLevel;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Turns an {@link IndexQuery} into SQL over the index tables. Only the fixed column expressions below are ever
 * written into the statement; every value a client sent is a named parameter.
 */
final class IndexQuerySql {

    /** A study time as six digits HHMMSS (colons of the old ACR-NEMA form dropped, fraction cut, padded with 0). */
    private static final String NORMALISED_STUDY_TIME =
            "rpad(split_part(replace(st.study_time, ':', ''), '.', 1), 6, '0')";

    private final Map<String, Object> parameters = new LinkedHashMap<>();

    /** The tables joined for a level: the entity's own and those of every level above it. */
    static String from(QueryLevel level) {
        return switch (level) {
            case PATIENT -> "patient p";
            case STUDY -> "study st join patient p on p.pk = st.patient_fk";
            case SERIES -> "series se join study st on st.pk = se.study_fk join patient p on p.pk = st.patient_fk";
            case IMAGE -> "instance i join series se on se.pk = i.series_fk join study st on st.pk = se.study_fk"
                    + " join patient p on p.pk = st.patient_fk";
        };
    }

    /** A stable order (the order entities were first indexed, series and instances by number). */
    static String orderBy(QueryLevel level) {
        return switch (level) {
            case PATIENT -> "p.pk";
            case STUDY -> "st.pk";
            case SERIES -> "st.pk, se.series_number nulls last, se.pk";
            case IMAGE -> "st.pk, se.series_number nulls last, se.pk, i.instance_number nulls last, i.pk";
        };
    }

    /** The expression giving an attribute's value for one row of its level (or of a level below). */
    static String valueOf(IndexedAttribute attribute) {
        return switch (attribute) {
            case PATIENT_ID -> "p.patient_id";
            case PATIENT_NAME -> "p.patient_name";
            case PATIENT_SEX -> "p.patient_sex";
            case NUMBER_OF_PATIENT_RELATED_STUDIES -> "(select count(*) from study x where x.patient_fk = p.pk)";
            case NUMBER_OF_PATIENT_RELATED_SERIES -> "(select count(*) from series x join study y on y.pk = x.study_fk"
                    + " where y.patient_fk = p.pk)";
            case NUMBER_OF_PATIENT_RELATED_INSTANCES -> "(select count(*) from instance x"
                    + " join series y on y.pk = x.series_fk join study z on z.pk = y.study_fk"
                    + " where z.patient_fk = p.pk)";
            case STUDY_INSTANCE_UID -> "st.study_instance_uid";
            case STUDY_DATE -> "st.study_date";
            case STUDY_TIME -> "st.study_time";
            case ACCESSION_NUMBER -> "st.accession_number";
            case STUDY_ID -> "st.study_id";
            case STUDY_DESCRIPTION -> "st.study_description";
            case MODALITIES_IN_STUDY -> "(select array_agg(distinct x.modality order by x.modality) from series x"
                    + " where x.study_fk = st.pk and x.modality is not null)";
            case NUMBER_OF_STUDY_RELATED_SERIES -> "(select count(*) from series x where x.study_fk = st.pk)";
            case NUMBER_OF_STUDY_RELATED_INSTANCES -> "(select count(*) from instance x"
                    + " join series y on y.pk = x.series_fk where y.study_fk = st.pk)";
            case SERIES_INSTANCE_UID -> "se.series_instance_uid";
            case MODALITY -> "se.modality";
            case SERIES_NUMBER -> "se.series_number";
            case SERIES_DESCRIPTION -> "se.series_description";
            case NUMBER_OF_SERIES_RELATED_INSTANCES -> "(select count(*) from instance x where x.series_fk = se.pk)";
            case SOP_INSTANCE_UID -> "i.sop_instance_uid";
            case SOP_CLASS_UID -> "i.sop_class_uid";
            case INSTANCE_NUMBER -> "i.instance_number";
        };
    }

    /** The where clause of a query ("true" when it has no conditions); its values are in {@link #parameters()}. */
    String where(IndexQuery query) {
        StringJoiner conditions = new StringJoiner(" and ");
        conditions.add("true");
        // Sorted, so that equal queries give equal statements (and share one prepared plan).
        query.matches().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(entry -> conditions.add(condition(entry.getKey(), entry.getValue())));
        if (query.sites() != null) {
            conditions.add(siteCondition(query));
        }
        return conditions.toString();
    }

    /** Only the sites the caller may see; an empty set matches nothing (no placeholder list can be empty). */
    private String siteCondition(IndexQuery query) {
        if (query.sites().isEmpty()) {
            return "false";
        }
        String sites = parameterAsIs(List.copyOf(query.sites()));
        return query.level() == QueryLevel.PATIENT
                ? "exists (select 1 from study x where x.patient_fk = p.pk and x.site in (" + sites + "))"
                : "st.site in (" + sites + ")";
    }

    Map<String, Object> parameters() {
        return parameters;
    }

    private String condition(IndexedAttribute attribute, Match match) {
        return switch (attribute) {
            // ModalitiesInStudy matches when any series of the study matches.
            case MODALITIES_IN_STUDY -> "exists (select 1 from series x where x.study_fk = st.pk and "
                    + compare("x.modality", IndexedAttribute.Kind.TEXT, match) + ")";
            case STUDY_TIME -> compare(NORMALISED_STUDY_TIME, attribute.kind(), match);
            default -> compare(valueOf(attribute), attribute.kind(), match);
        };
    }

    private String compare(String column, IndexedAttribute.Kind kind, Match match) {
        boolean ignoreCase = kind == IndexedAttribute.Kind.PERSON_NAME;
        if (match instanceof Match.Single single) {
            return ignoreCase ? "lower(" + column + ") = lower(" + parameter(single.value()) + ")"
                    : column + " = " + parameter(single.value());
        }
        if (match instanceof Match.Wildcard wildcard) {
            String like = ignoreCase ? " ilike " : " like ";
            return column + like + parameter(ArchiveIndex.likePattern(wildcard.pattern())) + " escape '\\'";
        }
        if (match instanceof Match.AnyOf anyOf) {
            List<Object> values = new ArrayList<>();
            anyOf.values().forEach(v -> values.add(ignoreCase ? v.toString().toLowerCase(Locale.ROOT) : jdbcValue(v)));
            return (ignoreCase ? "lower(" + column + ")" : column) + " in (" + parameterAsIs(values) + ")";
        }
        Match.Range range = (Match.Range) match;
        StringJoiner ends = new StringJoiner(" and ", "(", ")");
        if (range.from() != null) {
            ends.add(column + " >= " + parameter(range.from()));
        }
        if (range.to() != null) {
            ends.add(column + " <= " + parameter(range.to()));
        }
        return ends.toString();
    }

    private String parameter(Object value) {
        return parameterAsIs(jdbcValue(value));
    }

    /** A list value is expanded by Spring into one placeholder per element. */
    private String parameterAsIs(Object value) {
        String name = "m" + parameters.size();
        parameters.put(name, value);
        return ":" + name;
    }

    private static Object jdbcValue(Object value) {
        return value instanceof LocalDate date ? Date.valueOf(date) : value;
    }
}
