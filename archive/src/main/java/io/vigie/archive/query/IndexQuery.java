package io.vigie.archive.query;

import java.util.Map;
import java.util.Set;

/**
 * Which entities of one level to find: the conditions, all of which must hold, are on attributes of that level or
 * of the levels above it (a series query may ask for a PatientID).
 *
 * @param sites only entities of studies of these sites (a patient: with a study of one of them); null for every
 *              site, empty for none
 */
public record IndexQuery(QueryLevel level, Map<IndexedAttribute, Match> matches, Set<String> sites) {

    public IndexQuery {
        matches = Map.copyOf(matches);
        sites = sites == null ? null : Set.copyOf(sites);
        for (IndexedAttribute attribute : matches.keySet()) {
            if (!level.isAtOrBelow(attribute.level())) {
                throw new IllegalArgumentException(attribute.keyword() + " is below the " + level + " level");
            }
            if (attribute.kind() == IndexedAttribute.Kind.COUNT) {
                throw new IllegalArgumentException(attribute.keyword() + " is computed and cannot be matched");
            }
        }
    }

    /** A query over every site. */
    public IndexQuery(QueryLevel level, Map<IndexedAttribute, Match> matches) {
        this(level, matches, null);
    }

    /** The same query, narrowed to the studies of {@code sites} (null: every site). */
    public IndexQuery withinSites(Set<String> sites) {
        return new IndexQuery(level, matches, sites);
    }
}
