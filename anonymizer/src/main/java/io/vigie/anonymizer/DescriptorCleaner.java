package io.vigie.anonymizer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * The "C" (clean) action on free text: keeps only the words of a vocabulary of imaging terms (anatomy, technique,
 * phases, in English and French) and small measurements, and drops every other word. A name, an identifier, a
 * date or a place is never in the vocabulary, so it cannot survive; what survives reads like "CHEST CT WITH
 * CONTRAST 1.25 MM". An allow-list, not a deny-list: a regulator can read the whole of what may pass.
 */
final class DescriptorCleaner {

    static final String VOCABULARY_RESOURCE = "descriptor-words.txt";

    /**
     * A measurement: up to three digits with a unit (5MM, 120KV, 1.25MM) or a plain decimal (2.5). A bare
     * integer is never kept: the pieces of a phone number or a date ("06 12 34", "15 01") must not survive.
     */
    private static final Pattern MEASUREMENT = Pattern.compile(
            "\\d{1,3}(\\.\\d{1,3})?(MM|CM|KV|KVP|MAS|MS|S|%)|\\d{1,2}\\.\\d{1,3}");
    /** Chunks are what white space and list punctuation separate; a chunk may be a word, "W/O" or "2024-01-15". */
    private static final Pattern CHUNKS = Pattern.compile("[\\s,;()\\[\\]]+");
    private static final Pattern NOT_LETTERS = Pattern.compile("[^\\p{L}]+");

    private final Set<String> words;

    DescriptorCleaner(Set<String> extraWords) {
        Set<String> all = new HashSet<>(standardVocabulary());
        extraWords.forEach(word -> all.add(normalize(word)));
        this.words = Set.copyOf(all);
    }

    /**
     * The safe parts of the text, in order, separated by single spaces; "" when none is safe. A chunk is kept whole
     * when the vocabulary has it or it is a measurement; a chunk with any other digit is dropped whole (a date, an
     * identifier, a phone number); otherwise its words are kept one by one.
     */
    String clean(String text) {
        StringJoiner kept = new StringJoiner(" ");
        for (String token : CHUNKS.split(text)) {
            String chunk = trimDots(token);
            if (chunk.isEmpty()) {
                continue;
            }
            String normalized = normalize(chunk);
            if (words.contains(normalized) || MEASUREMENT.matcher(normalized).matches()) {
                kept.add(chunk);
            } else if (chunk.chars().noneMatch(Character::isDigit)) {
                for (String word : NOT_LETTERS.split(chunk)) {
                    if (!word.isEmpty() && words.contains(normalize(word))) {
                        kept.add(word);
                    }
                }
            }
        }
        return kept.toString();
    }

    private static String trimDots(String token) {
        int start = 0;
        int end = token.length();
        while (start < end && (token.charAt(start) == '.' || token.charAt(start) == ':')) {
            start++;
        }
        while (end > start && (token.charAt(end - 1) == '.' || token.charAt(end - 1) == ':')) {
            end--;
        }
        return token.substring(start, end);
    }

    /** Upper case without accents, so that "Thorax", "THORAX" and "thôrax" are one word. */
    static String normalize(String word) {
        String decomposed = Normalizer.normalize(word.trim(), Normalizer.Form.NFD);
        return decomposed.replaceAll("\\p{M}", "").toUpperCase(Locale.ROOT);
    }

    private static Set<String> standardVocabulary() {
        try (InputStream in = DescriptorCleaner.class.getResourceAsStream(VOCABULARY_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(VOCABULARY_RESOURCE + " is missing from the anonymizer's resources");
            }
            Set<String> words = new HashSet<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                String stripped = line.strip();
                if (!stripped.isEmpty() && !stripped.startsWith("#")) {
                    for (String word : stripped.split("\\s+")) {
                        words.add(normalize(word));
                    }
                }
            }
            return words;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
