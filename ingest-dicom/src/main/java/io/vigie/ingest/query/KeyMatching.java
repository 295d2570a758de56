package io.vigie.ingest.query;

import io.vigie.archive.query.IndexQuery;
import io.vigie.archive.query.IndexedAttribute;
import io.vigie.archive.query.Match;
import io.vigie.archive.query.QueryLevel;
import io.vigie.ingest.DimseStatus;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the matching keys of an Identifier as PS3.4 C.2.2.2 defines them: an empty value is universal matching, a
 * value with {@code *} or {@code ?} is wildcard matching, {@code a\b} is a list (UIDs, codes, text), {@code a-b} a date
 * or time range, anything else single value matching. Keys of the query level and of the levels above it match;
 * keys the index does not hold, and keys of lower levels, are left out of matching (their values are returned empty).
 * Public for QIDO-RS, which matches with the same rules (PS3.18 8.3.4.1 refers to PS3.4 C.2.2.2).
 */
public final class KeyMatching {

    private static final Pattern UID = Pattern.compile("[0-9]+(\\.[0-9]+)*");
    private static final Pattern TIME = Pattern.compile("([0-9]{2}){1,3}(\\.[0-9]{1,6})?");
    private static final DateTimeFormatter DICOM_DATE = DateTimeFormatter.BASIC_ISO_DATE;

    private KeyMatching() {
    }

    /** The level the identifier asks for, if the model offers it. */
    static QueryLevel level(QueryRetrieveModel model, QueryIdentifier identifier) throws QueryRefusedException {
        String level = identifier.level().toUpperCase(Locale.ROOT);
        QueryLevel parsed;
        try {
            parsed = QueryLevel.valueOf(level);
        } catch (IllegalArgumentException e) {
            throw new QueryRefusedException(DimseStatus.identifierDoesNotMatchSopClass(level.isEmpty()
                    ? "no QueryRetrieveLevel" : "unknown QueryRetrieveLevel " + level));
        }
        if (!model.offers(parsed)) {
            throw new QueryRefusedException(DimseStatus.identifierDoesNotMatchSopClass(
                    "QueryRetrieveLevel " + level + " is not a level of " + model));
        }
        return parsed;
    }

    /** The index query the identifier's matching keys describe. */
    static IndexQuery indexQuery(QueryLevel level, QueryIdentifier identifier) throws QueryRefusedException {
        Map<IndexedAttribute, Match> matches = new EnumMap<>(IndexedAttribute.class);
        for (Map.Entry<String, String> key : identifier.keys().entrySet()) {
            Optional<IndexedAttribute> attribute = IndexedAttribute.byKeyword(key.getKey())
                    .filter(a -> level.isAtOrBelow(a.level()));
            if (attribute.isPresent()) {
                Optional<Match> match = match(attribute.get(), key.getValue());
                if (match.isPresent()) {
                    matches.put(attribute.get(), match.get());
                }
            }
        }
        return new IndexQuery(level, matches);
    }

    /** The condition one key's value sets, or empty for universal matching. */
    public static Optional<Match> match(IndexedAttribute attribute, String rawValue) throws QueryRefusedException {
        String value = rawValue == null ? "" : rawValue.strip();
        // A lone "*" matches every entity, those with an empty value too (C.2.2.2.4): universal, like an empty value.
        if (value.isEmpty() || value.chars().allMatch(c -> c == '*')) {
            return Optional.empty();
        }
        return Optional.ofNullable(switch (attribute.kind()) {
            case COUNT -> null; // a return key only: nothing to match
            case UID -> list(attribute, value, KeyMatching::uid);
            case INTEGER -> list(attribute, value, KeyMatching::integer);
            case DATE -> value.contains("-") ? dateRange(attribute, value) : new Match.Single(date(attribute, value));
            case TIME -> time(attribute, value);
            case TEXT, PERSON_NAME, CODE_SET -> text(attribute, value);
        });
    }

    private static Match text(IndexedAttribute attribute, String value) throws QueryRefusedException {
        if (value.contains("\\")) {
            List<Object> values = new ArrayList<>();
            for (String one : value.split("\\\\")) {
                if (one.contains("*") || one.contains("?")) {
                    throw bad(attribute, "wildcards in a list of values", value);
                }
                values.add(one.strip());
            }
            return new Match.AnyOf(values);
        }
        return value.contains("*") || value.contains("?") ? new Match.Wildcard(value) : new Match.Single(value);
    }

    private interface Parser {
        Object parse(IndexedAttribute attribute, String value) throws QueryRefusedException;
    }

    private static Match list(IndexedAttribute attribute, String value, Parser parser) throws QueryRefusedException {
        String[] values = value.split("\\\\");
        if (values.length == 1) {
            return new Match.Single(parser.parse(attribute, values[0].strip()));
        }
        List<Object> parsed = new ArrayList<>();
        for (String one : values) {
            parsed.add(parser.parse(attribute, one.strip()));
        }
        return new Match.AnyOf(parsed);
    }

    private static Object uid(IndexedAttribute attribute, String value) throws QueryRefusedException {
        if (!UID.matcher(value).matches() || value.length() > 64) {
            throw bad(attribute, "not a UID", value);
        }
        return value;
    }

    private static Object integer(IndexedAttribute attribute, String value) throws QueryRefusedException {
        try {
            return Integer.valueOf(value.startsWith("+") ? value.substring(1) : value);
        } catch (NumberFormatException e) {
            throw bad(attribute, "not an integer", value);
        }
    }

    private static LocalDate date(IndexedAttribute attribute, String value) throws QueryRefusedException {
        try {
            return LocalDate.parse(value, DICOM_DATE);
        } catch (DateTimeParseException e) {
            throw bad(attribute, "not a date YYYYMMDD or range", value);
        }
    }

    private static Match dateRange(IndexedAttribute attribute, String value) throws QueryRefusedException {
        String[] ends = rangeEnds(attribute, value);
        LocalDate from = ends[0].isEmpty() ? null : date(attribute, ends[0]);
        LocalDate to = ends[1].isEmpty() ? null : date(attribute, ends[1]);
        return Match.Range.of(from, to);
    }

    /**
     * Times match to the precision given: "14" is 14:00:00 to 14:59:59, so a single time is a range too. The index
     * compares six digits HHMMSS.
     */
    private static Match time(IndexedAttribute attribute, String value) throws QueryRefusedException {
        String[] ends = value.contains("-") ? rangeEnds(attribute, value) : new String[] {value, value};
        String from = ends[0].isEmpty() ? null : timeDigits(attribute, ends[0], '0');
        String to = ends[1].isEmpty() ? null : timeDigits(attribute, ends[1], '9');
        return new Match.Range(from, to);
    }

    private static String timeDigits(IndexedAttribute attribute, String value, char padding)
            throws QueryRefusedException {
        String time = value.replace(":", "");
        if (!TIME.matcher(time).matches()) {
            throw bad(attribute, "not a time HHMMSS or range", value);
        }
        StringBuilder digits = new StringBuilder(time.split("\\.")[0]);
        while (digits.length() < 6) {
            digits.append(padding);
        }
        return digits.toString();
    }

    private static String[] rangeEnds(IndexedAttribute attribute, String value) throws QueryRefusedException {
        int dash = value.indexOf('-');
        if (dash != value.lastIndexOf('-') || value.equals("-")) {
            throw bad(attribute, "not a range", value);
        }
        return new String[] {value.substring(0, dash).strip(), value.substring(dash + 1).strip()};
    }

    /** Cxxx, unable to process: the identifier is well formed but a value cannot be matched as its VR says. */
    private static QueryRefusedException bad(IndexedAttribute attribute, String why, String value) {
        return new QueryRefusedException(DimseStatus.unableToProcess(attribute.keyword() + ": " + why + ": "
                + value));
    }
}
