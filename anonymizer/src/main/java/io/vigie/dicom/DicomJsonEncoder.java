package io.vigie.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;

/**
 * Encodes an instance's data set in the DICOM JSON model (PS3.18 F.2) for WADO-RS metadata. Pixel Data, and any other
 * top-level binary value longer than {@link #INLINE_LIMIT} bytes, is left out and named by a {@code BulkDataURI}
 * (F.2.6) that the bulkdata resource answers; shorter and nested binary values are inline (base64). File meta
 * information is left out, except the TransferSyntaxUID, which a client needs to interpret frames; group lengths are
 * left out (F.2: they have no meaning in JSON).
 */
public final class DicomJsonEncoder {

    /** Binary values up to this size are inline; larger ones are bulk data. */
    public static final int INLINE_LIMIT = 1024;

    private static final Set<String> BINARY = Set.of("OB", "OD", "OF", "OL", "OV", "OW", "UN");
    private static final Set<String> INTEGERS = Set.of("IS", "SL", "SS", "SV", "UL", "US", "UV");
    private static final Set<String> DECIMALS = Set.of("DS", "FD", "FL");

    private DicomJsonEncoder() {
    }

    /**
     * @param bulkDataBase the URI the bulk data tags are appended to, e.g. {@code .../instances/{sop}/bulkdata/}
     */
    public static String encode(DicomInstance instance, String bulkDataBase) {
        StringBuilder json = new StringBuilder(16 * 1024);
        dataSet(json, instance.attributeList(), bulkDataBase);
        return json.toString();
    }

    /** True when an attribute of the top-level data set is served as bulk data rather than inline. */
    public static boolean isBulkData(Attribute attribute) {
        return BINARY.contains(attribute.getVRAsString())
                && (attribute.getTag().equals(TagFromName.PixelData) || attribute.getVL() > INLINE_LIMIT);
    }

    /** The 8 hexadecimal digits of a tag, as DICOM JSON keys attributes. */
    public static String tagKey(AttributeTag tag) {
        return String.format(Locale.ROOT, "%04X%04X", tag.getGroup(), tag.getElement());
    }

    private static void dataSet(StringBuilder json, AttributeList list, String bulkDataBase) {
        json.append('{');
        boolean first = true;
        for (Attribute attribute : list.values()) {
            AttributeTag tag = attribute.getTag();
            if (tag.getElement() == 0 || (tag.getGroup() == 0x0002 && !tag.equals(TagFromName.TransferSyntaxUID))) {
                continue;
            }
            if (!first) {
                json.append(',');
            }
            first = false;
            attribute(json, attribute, bulkDataBase);
        }
        json.append('}');
    }

    private static void attribute(StringBuilder json, Attribute attribute, String bulkDataBase) {
        String vr = attribute.getVRAsString();
        String key = tagKey(attribute.getTag());
        json.append('"').append(key).append("\":{\"vr\":\"").append(vr).append('"');
        try {
            if (attribute instanceof SequenceAttribute sequence) {
                if (sequence.getNumberOfItems() > 0) {
                    json.append(",\"Value\":[");
                    for (int i = 0; i < sequence.getNumberOfItems(); i++) {
                        json.append(i == 0 ? "" : ",");
                        // Nested binary values are inline: bulk data URIs name top-level attributes only.
                        dataSet(json, sequence.getItem(i).getAttributeList(), null);
                    }
                    json.append(']');
                }
            } else if (BINARY.contains(vr)) {
                if (bulkDataBase != null && isBulkData(attribute)) {
                    json.append(",\"BulkDataURI\":");
                    string(json, bulkDataBase + key);
                } else if (attribute.getVL() > 0) {
                    json.append(",\"InlineBinary\":");
                    string(json, Base64.getEncoder().encodeToString(attribute.getByteValues(false)));
                }
            } else {
                values(json, vr, attribute.getStringValues());
            }
        } catch (DicomException e) {
            throw new IllegalStateException("cannot read " + key + " of a data set read before", e);
        }
        json.append('}');
    }

    private static void values(StringBuilder json, String vr, String[] values) {
        if (values == null || values.length == 0) {
            return;
        }
        json.append(",\"Value\":[");
        for (int i = 0; i < values.length; i++) {
            json.append(i == 0 ? "" : ",");
            String value = values[i] == null ? "" : values[i].trim();
            if (value.isEmpty()) {
                json.append("null");
            } else if (vr.equals("PN")) {
                personName(json, value);
            } else if (INTEGERS.contains(vr) || DECIMALS.contains(vr)) {
                number(json, value);
            } else {
                string(json, value);
            }
        }
        json.append(']');
    }

    /** F.2.2: the component groups of a person name (alphabetic, ideographic, phonetic) as an object. */
    private static void personName(StringBuilder json, String value) {
        String[] groups = value.split("=", -1);
        String[] names = {"Alphabetic", "Ideographic", "Phonetic"};
        json.append('{');
        boolean first = true;
        for (int g = 0; g < Math.min(groups.length, names.length); g++) {
            if (!groups[g].isEmpty()) {
                json.append(first ? "" : ",").append('"').append(names[g]).append("\":");
                string(json, groups[g]);
                first = false;
            }
        }
        json.append('}');
    }

    /** Numbers as JSON numbers; a value that is not a number (a malformed IS or DS) as a string rather than bad JSON. */
    private static void number(StringBuilder json, String value) {
        try {
            BigDecimal number = new BigDecimal(value.startsWith("+") ? value.substring(1) : value);
            json.append(number.toString());
        } catch (NumberFormatException e) {
            if (value.equalsIgnoreCase("NaN") || value.toLowerCase(Locale.ROOT).contains("inf")) {
                json.append("null");
            } else {
                string(json, value);
            }
        }
    }

    private static void string(StringBuilder json, String value) {
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
