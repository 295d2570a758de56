package io.vigie.ingest.dimse;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeFactory;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomDictionary;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.DicomOutputStream;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.SpecificCharacterSet;
import com.pixelmed.dicom.TagFromName;
import io.vigie.ingest.DimseStatus;
import io.vigie.ingest.query.QueryIdentifier;
import io.vigie.ingest.query.QueryRefusedException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a query/retrieve Identifier into plain keyword/value pairs and writes response identifiers back, with
 * PixelMed. Values stay in their DICOM string form; the keys' meaning is the query package's business.
 */
final class IdentifierCodec {

    private static final DicomDictionary DICTIONARY = DicomDictionary.StandardDictionary;
    private static final String UTF_8 = "ISO_IR 192";

    private IdentifierCodec() {
    }

    /**
     * The identifier of a request. Private attributes, group lengths and SpecificCharacterSet (PixelMed decodes the
     * values with it) are not keys; a sequence is a key asked for, never matched.
     */
    static QueryIdentifier decode(byte[] dataSet, String transferSyntaxUid) throws QueryRefusedException {
        AttributeList list = new AttributeList();
        try (DicomInputStream in = new DicomInputStream(new ByteArrayInputStream(dataSet), transferSyntaxUid, false)) {
            list.read(in);
        } catch (IOException | DicomException | RuntimeException e) {
            throw new QueryRefusedException(DimseStatus.unableToProcess("identifier cannot be parsed: " + e));
        }
        String level = Attribute.getSingleStringValueOrEmptyString(list, TagFromName.QueryRetrieveLevel);
        Map<String, String> keys = new LinkedHashMap<>();
        for (Attribute attribute : list.values()) {
            AttributeTag tag = attribute.getTag();
            String keyword = DICTIONARY.getNameFromTag(tag);
            if (tag.isPrivate() || tag.getElement() == 0 || keyword == null
                    || tag.equals(TagFromName.QueryRetrieveLevel) || tag.equals(TagFromName.SpecificCharacterSet)) {
                continue;
            }
            keys.put(keyword, attribute instanceof SequenceAttribute ? ""
                    : attribute.getDelimitedStringValuesOrEmptyString());
        }
        return new QueryIdentifier(level, keys);
    }

    /** A response identifier (or a C-MOVE's list of failed instances) in the presentation context's syntax. */
    static byte[] encode(Map<String, String> keys, String transferSyntaxUid) {
        boolean ascii = keys.values().stream().allMatch(v -> StandardCharsets.US_ASCII.newEncoder().canEncode(v));
        // Archive values are mostly ASCII; the others (a description with accents) go out as UTF-8, and say so.
        SpecificCharacterSet characterSet = ascii ? null : new SpecificCharacterSet(new String[] {UTF_8});
        AttributeList list = new AttributeList();
        try {
            if (!ascii) {
                put(list, TagFromName.SpecificCharacterSet, UTF_8, characterSet);
            }
            for (Map.Entry<String, String> key : keys.entrySet()) {
                AttributeTag tag = DICTIONARY.getTagFromName(key.getKey());
                if (tag != null) {
                    put(list, tag, key.getValue(), characterSet);
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(512);
            list.write(new DicomOutputStream(out, null, transferSyntaxUid));
            return out.toByteArray();
        } catch (IOException | DicomException e) {
            throw new IllegalStateException("cannot encode a response identifier", e);
        }
    }

    private static void put(AttributeList list, AttributeTag tag, String value, SpecificCharacterSet characterSet)
            throws DicomException {
        byte[] vr = DICTIONARY.getValueRepresentationFromTag(tag);
        Attribute attribute = "SQ".equals(new String(vr, StandardCharsets.US_ASCII))
                ? new SequenceAttribute(tag) : AttributeFactory.newAttribute(tag, vr, characterSet);
        if (!value.isEmpty() && !(attribute instanceof SequenceAttribute)) {
            for (String one : value.split("\\\\", -1)) {
                attribute.addValue(one);
            }
        }
        list.put(tag, attribute);
    }
}
