package io.vigie.anonymizer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * PS3.15 Table E.1-1 as data: one {@link Row} per attribute, read from {@code table-e1-1.tsv}. The de-identifier,
 * its tests and {@code docs/deidentification.md} all read this one file, so the code can never drift from the
 * table.
 */
public final class ConfidentialityTable {

    static final String RESOURCE = "table-e1-1.tsv";
    /** The row of the table that stands for every private attribute ("(gggg,eeee) where gggg is odd"). */
    static final String PRIVATE_ROW_TAG = "ggggeeee";

    /**
     * One attribute of the table.
     *
     * @param tag     eight characters, hex digits upper case, {@code x} for a repeating-group wildcard
     * @param options the action under each option that changes it
     */
    public record Row(String tag, String name, Action basic, Map<ProfileOption, Action> options) {

        public boolean isWildcard() {
            return tag.indexOf('x') >= 0;
        }
    }

    /** The bits of a tag that a pattern fixes: 0 under each {@code x}, so that a match is one AND and compare. */
    private static int wildcardMask(String tag) {
        int mask = 0;
        for (int i = 0; i < 8; i++) {
            mask = mask << 4 | (tag.charAt(i) == 'x' ? 0 : 0xF);
        }
        return mask;
    }

    /** A wildcard row with its pattern as numbers, checked on every attribute the exact rows do not list. */
    private record WildcardRow(int mask, int value, Row row) {
    }

    private static final ConfidentialityTable STANDARD = load();

    private final List<Row> rows;
    private final Map<Integer, Row> exact;
    private final List<WildcardRow> wildcards;
    private final Row privateRow;

    private ConfidentialityTable(List<Row> rows) {
        this.rows = Collections.unmodifiableList(rows);
        Map<Integer, Row> exactRows = new HashMap<>();
        List<WildcardRow> wildcardRows = new ArrayList<>();
        Row privateAttributes = null;
        for (Row row : rows) {
            if (row.tag().equals(PRIVATE_ROW_TAG)) {
                privateAttributes = row;
            } else if (row.isWildcard()) {
                wildcardRows.add(new WildcardRow(wildcardMask(row.tag()),
                        Integer.parseUnsignedInt(row.tag().replace('x', '0'), 16), row));
            } else if (exactRows.put(Integer.parseUnsignedInt(row.tag(), 16), row) != null) {
                throw new IllegalStateException(RESOURCE + ": tag " + row.tag() + " appears twice");
            }
        }
        if (privateAttributes == null) {
            throw new IllegalStateException(RESOURCE + ": no row for private attributes (" + PRIVATE_ROW_TAG + ")");
        }
        this.exact = Map.copyOf(exactRows);
        this.wildcards = List.copyOf(wildcardRows);
        this.privateRow = privateAttributes;
    }

    /** The table of the standard, as shipped with Vigie. */
    public static ConfidentialityTable standard() {
        return STANDARD;
    }

    public List<Row> rows() {
        return rows;
    }

    /** The row for a public (even-group) tag, or null when the table does not list it. */
    public Row rowFor(int tag) {
        Row row = exact.get(tag);
        if (row != null) {
            return row;
        }
        for (WildcardRow wildcard : wildcards) {
            if ((tag & wildcard.mask()) == wildcard.value()) {
                return wildcard.row();
            }
        }
        return null;
    }

    /** The row that governs every private attribute. */
    public Row privateRow() {
        return privateRow;
    }

    private static ConfidentialityTable load() {
        try (InputStream in = ConfidentialityTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the anonymizer's resources");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ConfidentialityTable parse(BufferedReader reader) throws IOException {
        List<String> header = null;
        List<Row> rows = new ArrayList<>();
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            List<String> cells = Arrays.asList(line.split("\t", -1));
            if (header == null) {
                header = cells;
                continue;
            }
            if (cells.size() != header.size()) {
                throw new IllegalStateException(RESOURCE + " line " + number + ": " + cells.size()
                        + " cells, the header has " + header.size());
            }
            Map<ProfileOption, Action> options = new EnumMap<>(ProfileOption.class);
            for (ProfileOption option : ProfileOption.values()) {
                int column = header.indexOf(option.column());
                if (column < 0) {
                    throw new IllegalStateException(RESOURCE + ": no column " + option.column());
                }
                if (!cells.get(column).isEmpty()) {
                    options.put(option, Action.ofCode(cells.get(column)));
                }
            }
            rows.add(new Row(cells.get(0), cells.get(1), Action.ofCode(cells.get(2)), Map.copyOf(options)));
        }
        return new ConfidentialityTable(rows);
    }
}
