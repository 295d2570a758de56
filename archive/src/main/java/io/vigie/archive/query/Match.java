package io.vigie.archive.query;

import java.time.LocalDate;
import java.util.List;

/**
 * A condition on one {@link IndexedAttribute}. Values are plain Java: {@link String} (text, UIDs, codes, and times as
 * six digits HHMMSS), {@link Integer}, {@link LocalDate}. An entity whose attribute is empty never matches.
 */
public sealed interface Match {

    /** The attribute equals the value (a person name without regard to case). */
    record Single(Object value) implements Match {
    }

    /** The attribute matches a pattern with {@code *} (any run of characters) and {@code ?} (any one character). */
    record Wildcard(String pattern) implements Match {
    }

    /** The attribute equals one of the values. */
    record AnyOf(List<?> values) implements Match {
        public AnyOf {
            values = List.copyOf(values);
            if (values.isEmpty()) {
                throw new IllegalArgumentException("an empty list matches nothing");
            }
        }
    }

    /** The attribute lies between the two values, inclusive; a null end is open. */
    record Range(Object from, Object to) implements Match {
        public Range {
            if (from == null && to == null) {
                throw new IllegalArgumentException("a range needs at least one end");
            }
        }

        public static Range of(LocalDate from, LocalDate to) {
            return new Range(from, to);
        }
    }
}
