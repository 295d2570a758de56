package io.vigie.dicomweb;

import io.vigie.archive.query.IndexRecord;
import io.vigie.archive.query.IndexedAttribute;
import io.vigie.archive.query.QueryLevel;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The attributes a QIDO-RS response carries for each match (PS3.18 10.6.3.3, Tables 10.6.3-3 to -5) and their DICOM
 * JSON. Every level returns its own required attributes and the unique keys above it; a search not scoped to a study
 * (or series) also returns the study (and series) attributes, so that each match says where it lies. Attributes the
 * de-identified index does not hold are present and empty where the table requires them.
 */
final class QidoResults {

    private static final Set<IndexedAttribute> STUDY = EnumSet.of(
            IndexedAttribute.STUDY_DATE, IndexedAttribute.STUDY_TIME, IndexedAttribute.ACCESSION_NUMBER,
            IndexedAttribute.MODALITIES_IN_STUDY, IndexedAttribute.PATIENT_NAME, IndexedAttribute.PATIENT_ID,
            IndexedAttribute.PATIENT_SEX, IndexedAttribute.STUDY_INSTANCE_UID, IndexedAttribute.STUDY_ID,
            IndexedAttribute.STUDY_DESCRIPTION, IndexedAttribute.NUMBER_OF_STUDY_RELATED_SERIES,
            IndexedAttribute.NUMBER_OF_STUDY_RELATED_INSTANCES);
    private static final Set<IndexedAttribute> SERIES = EnumSet.of(
            IndexedAttribute.MODALITY, IndexedAttribute.SERIES_DESCRIPTION, IndexedAttribute.SERIES_INSTANCE_UID,
            IndexedAttribute.SERIES_NUMBER, IndexedAttribute.NUMBER_OF_SERIES_RELATED_INSTANCES);
    private static final Set<IndexedAttribute> INSTANCE = EnumSet.of(
            IndexedAttribute.SOP_CLASS_UID, IndexedAttribute.SOP_INSTANCE_UID, IndexedAttribute.INSTANCE_NUMBER);

    private final QueryLevel level;
    private final Set<IndexedAttribute> returned;
    private final String baseUrl;

    /**
     * @param scopedTo the deepest level the resource path fixes ({@code /studies/{study}/instances}: STUDY), or null
     * @param baseUrl the DICOMweb base URL, for RetrieveURL
     */
    QidoResults(QidoQuery query, QueryLevel scopedTo, String baseUrl) {
        this.level = query.indexQuery().level();
        this.baseUrl = baseUrl;
        Set<IndexedAttribute> attributes = EnumSet.noneOf(IndexedAttribute.class);
        attributes.addAll(defaults(level));
        if (level != QueryLevel.STUDY && scopedTo == null) {
            attributes.addAll(STUDY);
        }
        if (level == QueryLevel.IMAGE && (scopedTo == null || scopedTo == QueryLevel.STUDY)) {
            attributes.addAll(SERIES);
        }
        // RetrieveURL is built from these, and they say where each match lies.
        attributes.add(IndexedAttribute.STUDY_INSTANCE_UID);
        if (level != QueryLevel.STUDY) {
            attributes.add(IndexedAttribute.SERIES_INSTANCE_UID);
        }
        if (query.includeAll()) {
            for (IndexedAttribute attribute : IndexedAttribute.values()) {
                if (level.isAtOrBelow(attribute.level())) {
                    attributes.add(attribute);
                }
            }
        }
        attributes.addAll(query.included());
        this.returned = Set.copyOf(attributes);
    }

    Set<IndexedAttribute> returned() {
        return returned;
    }

    private static Set<IndexedAttribute> defaults(QueryLevel level) {
        return switch (level) {
            case STUDY -> STUDY;
            case SERIES -> SERIES;
            case IMAGE -> INSTANCE;
            case PATIENT -> throw new IllegalArgumentException("QIDO-RS has no patient level");
        };
    }

    /** One match as a DICOM JSON data set, attributes in tag order. */
    Map<String, Object> toJson(IndexRecord match) {
        Map<String, Object> attributes = new TreeMap<>();
        for (IndexedAttribute attribute : returned) {
            QidoAttribute qido = QidoAttribute.of(attribute);
            attributes.put(qido.tag(), attribute(qido, match.value(attribute)));
        }
        if (returned.contains(IndexedAttribute.STUDY_DATE)) {
            // Required by Table 10.6.3-3; the de-identified archive holds neither.
            attributes.put("00080090", attribute("PN", List.of()));
            attributes.put("00100030", attribute("DA", List.of()));
        }
        if (level != QueryLevel.SERIES) {
            attributes.put("00080056", attribute("CS", List.of("ONLINE"))); // InstanceAvailability
        }
        attributes.put("00081190", attribute("UR", List.of(retrieveUrl(match))));
        return new LinkedHashMap<>(attributes);
    }

    private String retrieveUrl(IndexRecord match) {
        StringBuilder url = new StringBuilder(baseUrl).append("/studies/")
                .append(match.value(IndexedAttribute.STUDY_INSTANCE_UID));
        if (level != QueryLevel.STUDY) {
            url.append("/series/").append(match.value(IndexedAttribute.SERIES_INSTANCE_UID));
        }
        if (level == QueryLevel.IMAGE) {
            url.append("/instances/").append(match.value(IndexedAttribute.SOP_INSTANCE_UID));
        }
        return url.toString();
    }

    private static Map<String, Object> attribute(QidoAttribute qido, Object value) {
        List<?> values;
        if (value == null) {
            values = List.of();
        } else if (value instanceof List<?> list) {
            values = list;
        } else if (value instanceof LocalDate date) {
            values = List.of(date.format(DateTimeFormatter.BASIC_ISO_DATE));
        } else if (qido.vr().equals("PN")) {
            values = List.of(Map.of("Alphabetic", value));
        } else {
            values = List.of(value);
        }
        return attribute(qido.vr(), values);
    }

    private static Map<String, Object> attribute(String vr, List<?> values) {
        Map<String, Object> attribute = new LinkedHashMap<>();
        attribute.put("vr", vr);
        if (!values.isEmpty()) {
            attribute.put("Value", values);
        }
        return attribute;
    }
}
