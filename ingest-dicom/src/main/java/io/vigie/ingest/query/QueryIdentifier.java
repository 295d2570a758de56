package io.vigie.ingest.query;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Identifier of a C-FIND, C-MOVE or C-GET request as plain values: the QueryRetrieveLevel and the other keys in
 * request order, by DICOM keyword, each value in its DICOM string form (several values separated by {@code \}, ""
 * for a key sent empty, which asks for the attribute's value).
 */
public record QueryIdentifier(String level, Map<String, String> keys) {

    public QueryIdentifier {
        level = level == null ? "" : level.strip();
        keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
    }
}
