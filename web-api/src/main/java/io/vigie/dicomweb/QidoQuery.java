package io.vigie.dicomweb;

import io.vigie.archive.query.IndexQuery;
import io.vigie.archive.query.IndexedAttribute;
import io.vigie.archive.query.Match;
import io.vigie.archive.query.QueryLevel;
import io.vigie.dicom.DicomInstance;
import io.vigie.ingest.query.KeyMatching;
import io.vigie.ingest.query.QueryRefusedException;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.util.MultiValueMap;

/**
 * One QIDO-RS search (PS3.18 8.3.4, 10.6) read from its query parameters: the matching keys, by keyword or tag, matched
 * with the C-FIND rules of PS3.4 C.2.2.2 ({@link KeyMatching}: wildcards, UID lists, date ranges); {@code includefield}
 * ({@code all} or a list); {@code limit} and {@code offset}. A key Vigie cannot match on is refused (400), so that a
 * client never mistakes an ignored filter for a match; {@code fuzzymatching} is ignored with a Warning.
 *
 * @param included the attributes asked for beyond the level's defaults
 * @param fuzzyMatchingIgnored the client asked for fuzzy matching, which Vigie does not do
 */
record QidoQuery(IndexQuery indexQuery, Set<IndexedAttribute> included, boolean includeAll, int limit, int offset,
        boolean fuzzyMatchingIgnored) {

    /** The most matches one response carries; a client pages with {@code offset} beyond it. */
    static final int MAX_LIMIT = 1000;

    private static final Set<String> OPTIONS = Set.of("includefield", "fuzzymatching", "limit", "offset",
            "accept", "charset");

    /**
     * @param scope the UIDs of the resource path ({@code /studies/{study}/series}: the study), which the query must
     *     match whatever its parameters say
     */
    static QidoQuery parse(QueryLevel level, MultiValueMap<String, String> parameters,
            Map<IndexedAttribute, String> scope) {
        Map<IndexedAttribute, Match> matches = new EnumMap<>(IndexedAttribute.class);
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            String name = parameter.getKey();
            if (OPTIONS.contains(name)) {
                continue;
            }
            IndexedAttribute attribute = matchingKey(level, name);
            String value = String.join(attribute.kind() == IndexedAttribute.Kind.UID ? "\\" : ",",
                    parameter.getValue());
            match(attribute, value).ifPresent(m -> matches.put(attribute, m));
        }
        scope.forEach((attribute, uid) -> match(attribute, uid).ifPresent(m -> matches.put(attribute, m)));
        Set<IndexedAttribute> included = EnumSet.noneOf(IndexedAttribute.class);
        boolean all = false;
        for (String field : values(parameters, "includefield")) {
            if (field.equalsIgnoreCase("all")) {
                all = true;
            } else {
                includedField(level, field).ifPresent(included::add);
            }
        }
        boolean fuzzy = values(parameters, "fuzzymatching").stream().anyMatch("true"::equalsIgnoreCase);
        return new QidoQuery(new IndexQuery(level, matches), included, all,
                Math.min(integer(parameters, "limit", MAX_LIMIT), MAX_LIMIT), integer(parameters, "offset", 0), fuzzy);
    }

    private static IndexedAttribute matchingKey(QueryLevel level, String name) {
        if (name.contains(".")) {
            throw new InvalidQueryException("sequence matching is not supported: " + name);
        }
        IndexedAttribute attribute = QidoAttribute.named(name).map(QidoAttribute::indexed)
                .orElseThrow(() -> new InvalidQueryException("unsupported query key: " + name
                        + " (Vigie matches on the attributes its index holds; see the conformance statement)"));
        if (!level.isAtOrBelow(attribute.level())) {
            throw new InvalidQueryException(attribute.keyword() + " is an attribute of the "
                    + attribute.level().name().toLowerCase() + " level, below the level searched");
        }
        if (attribute.kind() == IndexedAttribute.Kind.COUNT) {
            throw new InvalidQueryException(attribute.keyword() + " is computed and cannot be matched");
        }
        return attribute;
    }

    private static Optional<Match> match(IndexedAttribute attribute, String value) {
        String dicomValue = attribute.kind() == IndexedAttribute.Kind.UID ? value.replace(',', '\\') : value;
        try {
            return KeyMatching.match(attribute, dicomValue);
        } catch (QueryRefusedException e) {
            throw new InvalidQueryException(e.status().comment());
        }
    }

    /**
     * An includefield value: an indexed attribute of the level or above is returned; any other valid keyword or tag
     * is accepted and left out, since the index does not hold it (the metadata resource has every attribute).
     */
    private static Optional<IndexedAttribute> includedField(QueryLevel level, String field) {
        Optional<QidoAttribute> known = QidoAttribute.named(field);
        if (known.isPresent()) {
            return Optional.of(known.get().indexed()).filter(a -> level.isAtOrBelow(a.level()));
        }
        if (!field.matches("[0-9A-Fa-f]{8}")) {
            try {
                DicomInstance.tag(field);
            } catch (IllegalArgumentException e) {
                throw new InvalidQueryException("includefield: not a DICOM keyword or tag: " + field);
            }
        }
        return Optional.empty();
    }

    /** A parameter's values, each of which may be a comma-separated list (PS3.18 8.3.4.3). */
    private static List<String> values(MultiValueMap<String, String> parameters, String name) {
        return parameters.getOrDefault(name, List.of()).stream()
                .flatMap(v -> java.util.Arrays.stream(v.split(",")))
                .map(String::strip).filter(v -> !v.isEmpty()).toList();
    }

    private static int integer(MultiValueMap<String, String> parameters, String name, int fallback) {
        String value = parameters.getFirst(name);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed < 0) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new InvalidQueryException(name + " must be a non-negative integer: " + value);
        }
    }
}
