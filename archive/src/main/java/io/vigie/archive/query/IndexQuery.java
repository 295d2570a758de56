package io.vigie.archive.query;

import java.util.Map;

/**
 * Which entities of one level to find: the conditions, all of which must hold, are on attributes of that level or
 * of the levels above it (a series query may ask for a PatientID).
 */
public record IndexQuery(QueryLevel level, Map<IndexedAttribute, Match> matches) {

    public IndexQuery {
        matches = Map.copyOf(matches);
        for (IndexedAttribute attribute : matches.keySet()) {
            if (!level.isAtOrBelow(attribute.level())) {
                throw new IllegalArgumentException(attribute.keyword() + " is below the " + level + " level");
            }
            if (attribute.kind() == IndexedAttribute.Kind.COUNT) {
                throw new IllegalArgumentException(attribute.keyword() + " is computed and cannot be matched");
            }
        }
    }
}
