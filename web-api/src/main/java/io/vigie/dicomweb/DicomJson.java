package io.vigie.dicomweb;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds one data set in the DICOM JSON model (PS3.18 Annex F): attributes keyed by their 8-digit tag, each with
 * its VR and, unless empty, its values. Attributes must be added in tag order.
 */
final class DicomJson {

    private final Map<String, Object> attributes = new LinkedHashMap<>();

    DicomJson string(String tag, String vr, String value) {
        return strings(tag, vr, value == null || value.isEmpty() ? List.of() : List.of(value));
    }

    DicomJson strings(String tag, String vr, List<String> values) {
        Map<String, Object> attribute = new LinkedHashMap<>();
        attribute.put("vr", vr);
        if (!values.isEmpty()) {
            attribute.put("Value", values);
        }
        attributes.put(tag, attribute);
        return this;
    }

    /** Person names carry their alphabetic component group as an object (F.2.2). */
    DicomJson personName(String tag, String name) {
        return name == null || name.isEmpty()
                ? strings(tag, "PN", List.of())
                : objects(tag, "PN", List.of(Map.of("Alphabetic", name)));
    }

    DicomJson integer(String tag, String vr, int value) {
        return objects(tag, vr, List.of(value));
    }

    /** A sequence (SQ) of items, each a data set of its own; an empty list is an empty sequence. */
    DicomJson sequence(String tag, List<Map<String, Object>> items) {
        return items.isEmpty() ? strings(tag, "SQ", List.of()) : objects(tag, "SQ", items);
    }

    private DicomJson objects(String tag, String vr, List<?> values) {
        Map<String, Object> attribute = new LinkedHashMap<>();
        attribute.put("vr", vr);
        attribute.put("Value", values);
        attributes.put(tag, attribute);
        return this;
    }

    Map<String, Object> build() {
        return attributes;
    }
}
