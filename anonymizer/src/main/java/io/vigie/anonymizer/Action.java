package io.vigie.anonymizer;

import java.util.Map;

/**
 * An action code of PS3.15 Table E.1-1. The combined codes (X/Z, Z/D, X/D, X/Z/D, X/Z/U*) let the standard pick by
 * the attribute's Type in the IOD; Vigie does not carry every IOD's module tables, so it resolves them to the
 * choice that is safe for every Type: see {@link #resolve(boolean)}.
 */
public enum Action {
    /** K: keep. */
    KEEP("K"),
    /** X: remove. */
    REMOVE("X"),
    /** Z: replace with a zero-length value. */
    ZERO("Z"),
    /** D: replace with a dummy value of the same VR. */
    DUMMY("D"),
    /** U: replace UIDs with keyed, consistent ones. */
    REMAP_UID("U"),
    /** C: clean: keep what carries no identity (dates shifted, free text reduced to safe words, sequences cleaned). */
    CLEAN("C"),
    REMOVE_OR_ZERO("X/Z"),
    ZERO_OR_DUMMY("Z/D"),
    REMOVE_OR_DUMMY("X/D"),
    REMOVE_OR_ZERO_OR_DUMMY("X/Z/D"),
    REMOVE_OR_ZERO_OR_REMAP_UID("X/Z/U*");

    private static final Map<String, Action> BY_CODE = Map.ofEntries(
            java.util.Arrays.stream(values()).map(a -> Map.entry(a.code, a)).toArray(Map.Entry[]::new));

    private final String code;

    Action(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Action ofCode(String code) {
        Action action = BY_CODE.get(code);
        if (action == null) {
            throw new IllegalArgumentException("not an action of Table E.1-1: '" + code + "'");
        }
        return action;
    }

    /**
     * The single action applied to a present attribute. A combined code never removes: removing a Type 1 or 2
     * attribute breaks the IOD, and an empty Type 3 attribute is allowed. Where D is allowed it is taken for a
     * valued attribute (a Type 1 attribute may not be empty), and Z for an empty one; X/Z/U* (reference sequences)
     * keeps the sequence and remaps the UIDs inside it.
     */
    public Action resolve(boolean hasValue) {
        return switch (this) {
            case REMOVE_OR_ZERO -> ZERO;
            case ZERO_OR_DUMMY, REMOVE_OR_DUMMY, REMOVE_OR_ZERO_OR_DUMMY -> hasValue ? DUMMY : ZERO;
            case REMOVE_OR_ZERO_OR_REMAP_UID -> REMAP_UID;
            default -> this;
        };
    }

    /**
     * The single action applied to a present sequence. Emptying or removing a sequence breaks every IOD where it is
     * Type 1 or 2 or "1-n items if present"; so a combined code keeps a sequence that has items and dummies its
     * content (every attribute inside through the table again, every other text value replaced), and empties one
     * that has none. X/Z/U* keeps the items and remaps their UIDs.
     */
    public Action resolveSequence(boolean hasItems) {
        return switch (this) {
            case REMOVE_OR_ZERO, ZERO_OR_DUMMY, REMOVE_OR_DUMMY, REMOVE_OR_ZERO_OR_DUMMY -> hasItems ? DUMMY : ZERO;
            case REMOVE_OR_ZERO_OR_REMAP_UID -> REMAP_UID;
            default -> this;
        };
    }
}
