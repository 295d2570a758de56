package io.vigie.anonymizer;

import io.vigie.anonymizer.ConfidentialityTable.Row;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A de-identification profile: the Basic Application Level Confidentiality Profile of PS3.15 with a chosen set of
 * its options, the private attributes known to be safe, the clean-pixel rules for devices that burn text into their
 * images, and site words for free text. Immutable and validated when made, so a bad profile stops Vigie at start-up
 * rather than leaking at run time.
 */
public record DeidentificationProfile(String name, Set<ProfileOption> options,
        List<SafePrivateAttribute> safePrivateAttributes, List<CleanPixelRule> cleanPixelRules,
        Set<String> descriptorWords) {

    /**
     * When several active options act on one attribute, the most protective action wins: removing before emptying,
     * before a dummy, before a remapped UID, before cleaning, before keeping.
     */
    private static final List<Action> MOST_PROTECTIVE_FIRST = List.of(Action.REMOVE, Action.REMOVE_OR_ZERO,
            Action.ZERO, Action.REMOVE_OR_ZERO_OR_DUMMY, Action.REMOVE_OR_DUMMY, Action.ZERO_OR_DUMMY, Action.DUMMY,
            Action.REMOVE_OR_ZERO_OR_REMAP_UID, Action.REMAP_UID, Action.CLEAN, Action.KEEP);

    public DeidentificationProfile {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a de-identification profile needs a name");
        }
        options = Set.copyOf(options);
        safePrivateAttributes = List.copyOf(safePrivateAttributes);
        cleanPixelRules = List.copyOf(cleanPixelRules);
        descriptorWords = Set.copyOf(descriptorWords);
        if (options.contains(ProfileOption.RETAIN_LONGITUDINAL_FULL_DATES)
                && options.contains(ProfileOption.RETAIN_LONGITUDINAL_MODIFIED_DATES)) {
            throw new IllegalArgumentException("profile " + name + ": RETAIN_LONGITUDINAL_FULL_DATES and "
                    + "RETAIN_LONGITUDINAL_MODIFIED_DATES exclude each other (PS3.15 E.3.6)");
        }
        if (options.contains(ProfileOption.RETAIN_SAFE_PRIVATE) && safePrivateAttributes.isEmpty()) {
            throw new IllegalArgumentException("profile " + name + ": RETAIN_SAFE_PRIVATE is on but safe-private "
                    + "lists no attribute; list them or drop the option");
        }
        if (!options.contains(ProfileOption.RETAIN_SAFE_PRIVATE) && !safePrivateAttributes.isEmpty()) {
            throw new IllegalArgumentException("profile " + name + ": safe-private lists attributes but "
                    + "RETAIN_SAFE_PRIVATE is off, so they would be removed anyway");
        }
    }

    /**
     * Vigie's default for research: Basic + Retain Longitudinal Temporal Information with Modified Dates (intervals
     * between a patient's scans survive) + Retain Patient Characteristics (sex, age, size, weight matter for
     * tumour growth) + Clean Descriptors (study and series descriptions reduced to imaging terms).
     */
    public static DeidentificationProfile research() {
        return new DeidentificationProfile("research", EnumSet.of(
                ProfileOption.RETAIN_LONGITUDINAL_MODIFIED_DATES,
                ProfileOption.RETAIN_PATIENT_CHARACTERISTICS,
                ProfileOption.CLEAN_DESCRIPTORS), List.of(), List.of(), Set.of());
    }

    /** The Basic profile with no option: every date removed or emptied, no description kept. */
    public static DeidentificationProfile basic() {
        return new DeidentificationProfile("basic", Set.of(), List.of(), List.of(), Set.of());
    }

    public boolean has(ProfileOption option) {
        return options.contains(option);
    }

    /** The action this profile takes on a row of Table E.1-1: the basic action, unless an active option changes it. */
    public Action actionFor(Row row) {
        return row.options().entrySet().stream()
                .filter(entry -> options.contains(entry.getKey()))
                .map(java.util.Map.Entry::getValue)
                .min(Comparator.comparingInt(MOST_PROTECTIVE_FIRST::indexOf))
                .orElse(row.basic());
    }
}
