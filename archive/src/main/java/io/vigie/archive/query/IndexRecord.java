package io.vigie.archive.query;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * One entity found by an {@link IndexQuery}: the values of the attributes asked for, as plain Java values
 * ({@link String}, {@link Integer}, {@link java.time.LocalDate}, a {@link java.util.List} of codes); an attribute whose
 * value is empty has none.
 */
public record IndexRecord(Map<IndexedAttribute, Object> values) {

    public IndexRecord {
        values = Collections.unmodifiableMap(new HashMap<>(values));
    }

    /** The attribute's value, or null when it is empty or was not asked for. */
    public Object value(IndexedAttribute attribute) {
        return values.get(attribute);
    }
}
