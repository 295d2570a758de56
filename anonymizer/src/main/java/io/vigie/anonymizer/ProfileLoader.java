package io.vigie.anonymizer;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a de-identification profile from YAML, refusing anything it does not understand with a message that names
 * the file and the key: a typo in a profile must stop start-up, not silently weaken de-identification.
 *
 * <pre>
 * name: research
 * options: [RETAIN_LONGITUDINAL_MODIFIED_DATES, RETAIN_PATIENT_CHARACTERISTICS, CLEAN_DESCRIPTORS]
 * safe-private:
 *   - {creator: "GEMS_PARM_01", tag: "(0043,xx39)"}
 * clean-pixel:
 *   - {manufacturer: ACME, model: "Sono 5", rows: 480, columns: 640,
 *      regions: [{x: 0, y: 0, width: 640, height: 40}]}
 * descriptor-words: [TEP, BIPHASIQUE]
 * </pre>
 */
public final class ProfileLoader {

    private static final Set<String> KEYS = Set.of("name", "options", "safe-private", "clean-pixel",
            "descriptor-words");

    private ProfileLoader() {
    }

    public static DeidentificationProfile load(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(reader, file.getFileName().toString());
        }
    }

    /** @param source how the profile is named in error messages (its file name) */
    public static DeidentificationProfile parse(Reader reader, String source) {
        Object document;
        try {
            document = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        } catch (YAMLException e) {
            throw new IllegalArgumentException(source + ": not valid YAML: " + e.getMessage(), e);
        }
        Map<?, ?> root = map(document, source, "the document");
        unknownKeys(root, KEYS, source, "the profile");
        try {
            String name = string(root.get("name"), source, "name");
            return new DeidentificationProfile(name, options(root.get("options"), source),
                    safePrivate(root.get("safe-private"), source), cleanPixel(root.get("clean-pixel"), source),
                    words(root.get("descriptor-words"), source));
        } catch (IllegalArgumentException e) {
            throw e.getMessage().startsWith(source) ? e : new IllegalArgumentException(source + ": "
                    + e.getMessage(), e);
        }
    }

    private static Set<ProfileOption> options(Object value, String source) {
        Set<ProfileOption> options = EnumSet.noneOf(ProfileOption.class);
        for (Object item : list(value, source, "options")) {
            String option = string(item, source, "options").trim().toUpperCase(Locale.ROOT).replace('-', '_');
            try {
                options.add(ProfileOption.valueOf(option));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + ": unknown option '" + item + "'; the options are "
                        + Arrays.toString(ProfileOption.values()));
            }
        }
        return options;
    }

    private static List<SafePrivateAttribute> safePrivate(Object value, String source) {
        List<SafePrivateAttribute> attributes = new ArrayList<>();
        for (Object item : list(value, source, "safe-private")) {
            Map<?, ?> entry = map(item, source, "safe-private");
            unknownKeys(entry, Set.of("creator", "tag"), source, "safe-private");
            attributes.add(SafePrivateAttribute.of(string(entry.get("creator"), source, "safe-private.creator"),
                    string(entry.get("tag"), source, "safe-private.tag")));
        }
        return attributes;
    }

    private static List<CleanPixelRule> cleanPixel(Object value, String source) {
        List<CleanPixelRule> rules = new ArrayList<>();
        for (Object item : list(value, source, "clean-pixel")) {
            Map<?, ?> entry = map(item, source, "clean-pixel");
            unknownKeys(entry, Set.of("manufacturer", "model", "rows", "columns", "regions"), source, "clean-pixel");
            List<CleanPixelRule.Region> regions = new ArrayList<>();
            for (Object region : list(entry.get("regions"), source, "clean-pixel.regions")) {
                Map<?, ?> r = map(region, source, "clean-pixel.regions");
                unknownKeys(r, Set.of("x", "y", "width", "height"), source, "clean-pixel.regions");
                regions.add(new CleanPixelRule.Region(integer(r.get("x"), source, "x"),
                        integer(r.get("y"), source, "y"), integer(r.get("width"), source, "width"),
                        integer(r.get("height"), source, "height")));
            }
            Object model = entry.get("model");
            rules.add(new CleanPixelRule(string(entry.get("manufacturer"), source, "clean-pixel.manufacturer"),
                    model == null ? "*" : string(model, source, "clean-pixel.model"),
                    integer(entry.get("rows"), source, "clean-pixel.rows"),
                    integer(entry.get("columns"), source, "clean-pixel.columns"), regions));
        }
        return rules;
    }

    private static Set<String> words(Object value, String source) {
        Set<String> words = new HashSet<>();
        for (Object item : list(value, source, "descriptor-words")) {
            String word = string(item, source, "descriptor-words");
            if (!word.matches("[\\p{L}\\p{N}]+")) {
                throw new IllegalArgumentException(source + ": descriptor word '" + word + "' must be one word of "
                        + "letters and digits");
            }
            if (word.chars().filter(Character::isDigit).count() > 3) {
                throw new IllegalArgumentException(source + ": descriptor word '" + word + "' has more than three "
                        + "digits; identifiers and dates may not be allowed through free text");
            }
            words.add(word);
        }
        return words;
    }

    private static void unknownKeys(Map<?, ?> map, Set<String> known, String source, String where) {
        for (Object key : map.keySet()) {
            if (!known.contains(String.valueOf(key))) {
                throw new IllegalArgumentException(source + ": unknown key '" + key + "' in " + where
                        + "; known keys: " + known);
            }
        }
    }

    private static Map<?, ?> map(Object value, String source, String where) {
        if (value instanceof Map<?, ?> map) {
            return map;
        }
        throw new IllegalArgumentException(source + ": " + where + " must be a mapping");
    }

    private static List<?> list(Object value, String source, String key) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list;
        }
        throw new IllegalArgumentException(source + ": " + key + " must be a list");
    }

    private static String string(Object value, String source, String key) {
        if (value == null || value instanceof Map || value instanceof List) {
            throw new IllegalArgumentException(source + ": " + key + " must be given as text");
        }
        return String.valueOf(value);
    }

    private static int integer(Object value, String source, String key) {
        if (value instanceof Integer number) {
            return number;
        }
        throw new IllegalArgumentException(source + ": " + key + " must be a whole number, got " + value);
    }
}
