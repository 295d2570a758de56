package io.vigie.ingest.query;

import io.vigie.archive.query.IndexRecord;
import io.vigie.archive.query.IndexedAttribute;
import io.vigie.archive.query.QueryLevel;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The keys of one C-FIND response: every key the request carried, with the archive's value or empty. A value the
 * client sent is never returned as such: the response holds archive data only, and the archive holds de-identified
 * data only. The unique keys of the query level and of the levels above it are always returned.
 */
final class ResponseKeys {

    private static final DateTimeFormatter DICOM_DATE = DateTimeFormatter.BASIC_ISO_DATE;

    private final QueryRetrieveModel model;
    private final QueryLevel level;
    private final QueryIdentifier identifier;
    private final String retrieveAeTitle;

    ResponseKeys(QueryRetrieveModel model, QueryLevel level, QueryIdentifier identifier, String retrieveAeTitle) {
        this.model = model;
        this.level = level;
        this.identifier = identifier;
        this.retrieveAeTitle = retrieveAeTitle;
    }

    /** The index attributes to read for each match. */
    Set<IndexedAttribute> returned() {
        Set<IndexedAttribute> returned = EnumSet.noneOf(IndexedAttribute.class);
        returned.addAll(uniqueKeys());
        for (String keyword : identifier.keys().keySet()) {
            indexed(keyword).ifPresent(returned::add);
        }
        return returned;
    }

    /** The response identifier for one match, in the request's key order, then the unique keys it lacked. */
    Map<String, String> of(IndexRecord match) {
        Map<String, String> response = new LinkedHashMap<>();
        response.put("QueryRetrieveLevel", level.name());
        for (String keyword : identifier.keys().keySet()) {
            response.put(keyword, switch (keyword) {
                case "RetrieveAETitle" -> retrieveAeTitle;
                case "InstanceAvailability" -> "ONLINE";
                default -> indexed(keyword).map(a -> format(match.value(a))).orElse("");
            });
        }
        for (IndexedAttribute unique : uniqueKeys()) {
            response.putIfAbsent(unique.keyword(), format(match.value(unique)));
        }
        response.putIfAbsent("RetrieveAETitle", retrieveAeTitle);
        return response;
    }

    private Optional<IndexedAttribute> indexed(String keyword) {
        return IndexedAttribute.byKeyword(keyword).filter(a -> level.isAtOrBelow(a.level()));
    }

    private Set<IndexedAttribute> uniqueKeys() {
        Set<IndexedAttribute> keys = EnumSet.noneOf(IndexedAttribute.class);
        for (QueryLevel above : QueryLevel.values()) {
            if (level.isAtOrBelow(above) && above.isAtOrBelow(model.topLevel())) {
                keys.add(IndexedAttribute.uniqueKey(above));
            }
        }
        return keys;
    }

    /** An index value in its DICOM string form. */
    static String format(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof LocalDate date) {
            return date.format(DICOM_DATE);
        }
        if (value instanceof Collection<?> values) {
            return String.join("\\", values.stream().map(String::valueOf).toList());
        }
        return value.toString();
    }
}
