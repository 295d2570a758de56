package io.vigie.anonymizer;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeFactory;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomDictionary;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.SequenceItem;
import com.pixelmed.dicom.ValueRepresentation;
import io.vigie.anonymizer.ConfidentialityTable.Row;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Applies a profile's actions to every attribute of one data set, at every depth of its sequences. One instance is
 * rewritten by one rewriter, which knows that patient's date shift.
 */
final class AttributeRewriter {

    /** DICOM's own UIDs (SOP classes, transfer syntaxes, coding schemes it defines) identify nobody. */
    private static final String DICOM_UID_PREFIX = "1.2.840.10008.";
    private static final DateTimeFormatter DA = DateTimeFormatter.BASIC_ISO_DATE;
    static final String DUMMY_TEXT = "ANONYMIZED";

    /**
     * What happens to the text values the table does not list (CodeMeaning, a content item's TextValue, a
     * CodeValue...). Kept at the top level and in sequences the profile keeps; inside a sequence the profile
     * dummies (D) every such value is dummied, and inside one it cleans (C) free text is cleaned, code values kept.
     */
    private enum TextInside { KEEP, DUMMY, CLEAN }

    /** In a cleaned sequence these name concepts (a code and its scheme), not people: kept as they are. */
    private static final Set<String> CODE_IDENTIFIERS = Set.of("CodeValue", "LongCodeValue", "URNCodeValue",
            "CodingSchemeDesignator", "CodingSchemeVersion", "ContextIdentifier", "MappingResource",
            "ContextGroupVersion", "ContextGroupLocalVersion");

    /**
     * Type 1C attributes that only exist alongside another (PS3.3): when the profile removes the first, the second
     * goes too, or the output would hold an attribute its IOD forbids without the first.
     */
    private static final Map<Integer, Integer> REMOVED_WITH = Map.of(
            0x00102297, 0x00102298,   // Responsible Person -> Responsible Person Role
            0x00120082, 0x00120081);  // Ethics Committee Approval Number -> Ethics Committee Name

    private final ConfidentialityTable table;
    private final DeidentificationProfile profile;
    private final Pseudonyms pseudonyms;
    private final DescriptorCleaner descriptors;
    private final int shiftDays;

    AttributeRewriter(ConfidentialityTable table, DeidentificationProfile profile, Pseudonyms pseudonyms,
            DescriptorCleaner descriptors, int shiftDays) {
        this.table = table;
        this.profile = profile;
        this.pseudonyms = pseudonyms;
        this.descriptors = descriptors;
        this.shiftDays = shiftDays;
    }

    void rewrite(AttributeList list) throws DicomException {
        rewrite(list, TextInside.KEEP);
    }

    private void rewrite(AttributeList list, TextInside textInside) throws DicomException {
        for (AttributeTag tag : new ArrayList<>(list.keySet())) {
            if (tag.isPrivate()) {
                continue; // below, once every private creator of the list is known
            }
            if (tag.getElement() == 0x0000 || tag.getGroup() == 0x0002) {
                // Group lengths would be wrong after rewriting; file meta information is written afresh.
                list.remove(tag);
                continue;
            }
            Attribute attribute = list.get(tag);
            Action action = actionFor(tag, attribute, textInside);
            apply(list, attribute, attribute instanceof SequenceAttribute sequence
                    ? action.resolveSequence(sequence.getNumberOfItems() > 0)
                    : action.resolve(attribute.getVL() > 0), textInside);
        }
        REMOVED_WITH.forEach((anchor, companion) -> {
            Attribute first = list.get(new AttributeTag(anchor >>> 16, anchor & 0xFFFF));
            if (first == null || first.getVL() == 0) {
                list.remove(new AttributeTag(companion >>> 16, companion & 0xFFFF));
            }
        });
        removeEmptiedOverlays(list);
        rewritePrivate(list);
    }

    private Action actionFor(AttributeTag tag, Attribute attribute, TextInside textInside) {
        Row row = table.rowFor(tag.getGroup() << 16 | tag.getElement());
        if (row != null) {
            return profile.actionFor(row);
        }
        byte[] vr = attribute.getVR();
        if (ValueRepresentation.isDateVR(vr) || ValueRepresentation.isDateTimeVR(vr)) {
            // A date the table does not list (a content item's Date, a new attribute) is still a date of the
            // patient's life: treated as the table treats Study Date.
            return profile.has(ProfileOption.RETAIN_LONGITUDINAL_FULL_DATES) ? Action.KEEP
                    : profile.has(ProfileOption.RETAIN_LONGITUDINAL_MODIFIED_DATES) ? Action.CLEAN : Action.ZERO;
        }
        if (ValueRepresentation.isUniqueIdentifierVR(vr) && !profile.has(ProfileOption.RETAIN_UIDS)
                && !namesAClassOrScheme(tag)) {
            // A safety net under the table: an instance UID it does not list (a newer attribute) is remapped too.
            return Action.REMAP_UID;
        }
        if (textInside != TextInside.KEEP && isText(vr)) {
            if (textInside == TextInside.DUMMY) {
                return Action.DUMMY;
            }
            return CODE_IDENTIFIERS.contains(DicomDictionary.StandardDictionary.getNameFromTag(tag))
                    ? Action.KEEP : Action.CLEAN;
        }
        return Action.KEEP;
    }

    /** SOP classes, transfer syntaxes, coding schemes and creators are types, not instances: they identify nobody. */
    private static boolean namesAClassOrScheme(AttributeTag tag) {
        String keyword = DicomDictionary.StandardDictionary.getNameFromTag(tag);
        return keyword != null && (keyword.contains("Class") || keyword.contains("TransferSyntax")
                || keyword.contains("CodingScheme") || keyword.contains("Creator") || keyword.contains("Resource")
                || keyword.contains("ContextGroup") || keyword.contains("Template"));
    }

    private void apply(AttributeList list, Attribute attribute, Action action, TextInside textInside)
            throws DicomException {
        AttributeTag tag = attribute.getTag();
        byte[] vr = attribute.getVR();
        if (ValueRepresentation.isSequenceVR(vr)) {
            applyToSequence(list, (SequenceAttribute) attribute, action, textInside);
            return;
        }
        switch (action) {
            case REMOVE -> list.remove(tag);
            case ZERO -> list.put(AttributeFactory.newAttribute(tag, vr));
            case DUMMY -> replace(list, attribute, this::dummy);
            case REMAP_UID -> {
                if (ValueRepresentation.isUniqueIdentifierVR(vr)) {
                    replaceEach(list, attribute, this::remapUid);
                } else {
                    list.put(AttributeFactory.newAttribute(tag, vr));
                }
            }
            case CLEAN -> clean(list, attribute);
            case KEEP -> { }
            default -> throw new IllegalStateException("unresolved action " + action);
        }
    }

    private void applyToSequence(AttributeList list, SequenceAttribute sequence, Action action, TextInside textInside)
            throws DicomException {
        switch (action) {
            case REMOVE -> list.remove(sequence.getTag());
            case ZERO -> list.put(new SequenceAttribute(sequence.getTag()));
            default -> {
                // Kept, remapped, dummied or cleaned: the items stay (an IOD may need them) but every attribute in
                // them goes through the table again; D and C also dummy or clean the text inside. Inside a dummied
                // sequence everything stays dummied, whatever a nested sequence's own action.
                TextInside inside = textInside == TextInside.DUMMY || action == Action.DUMMY ? TextInside.DUMMY
                        : action == Action.CLEAN ? TextInside.CLEAN : textInside;
                Iterator<SequenceItem> items = sequence.iterator();
                while (items.hasNext()) {
                    rewrite(items.next().getAttributeList(), inside);
                }
            }
        }
    }

    private void clean(AttributeList list, Attribute attribute) throws DicomException {
        byte[] vr = attribute.getVR();
        if (ValueRepresentation.isDateVR(vr)) {
            replaceEach(list, attribute, this::shiftDate);
        } else if (ValueRepresentation.isDateTimeVR(vr)) {
            replaceEach(list, attribute, this::shiftDateTime);
        } else if (ValueRepresentation.isPersonNameVR(vr)) {
            list.put(AttributeFactory.newAttribute(attribute.getTag(), vr)); // no name can be cleaned
        } else if (ValueRepresentation.isUniqueIdentifierVR(vr)) {
            replaceEach(list, attribute, this::remapUid);
        } else if (isFreeText(vr)) {
            // Nothing safe left: the dummy, not an empty value, since the attribute may be Type 1 (a CodeMeaning).
            replaceEach(list, attribute, text -> {
                String cleaned = descriptors.clean(text);
                return cleaned.isEmpty() && !text.isEmpty() ? DUMMY_TEXT : cleaned;
            });
        } else if (ValueRepresentation.isOtherByteOrWordVR(vr) || ValueRepresentation.isUnknownVR(vr)
                || ValueRepresentation.isOtherFloatVR(vr) || ValueRepresentation.isOtherDoubleVR(vr)) {
            // Bulk data to clean (overlay and curve bitmaps under Clean Graphics): Vigie cannot read text drawn in
            // a bitmap, so it cannot show the bitmap is clean; it is removed rather than kept unverified.
            list.remove(attribute.getTag());
        }
        // Times (the date moves, the time of day stays), codes, ages and numbers are kept.
    }

    /** Values that can spell a name, a place or an identifier: strings and text (codes of CS excepted). */
    private static boolean isText(byte[] vr) {
        return isFreeText(vr) || ValueRepresentation.isPersonNameVR(vr) || ValueRepresentation.isApplicationEntityVR(vr);
    }

    private static boolean isFreeText(byte[] vr) {
        return ValueRepresentation.isLongStringVR(vr) || ValueRepresentation.isShortStringVR(vr)
                || ValueRepresentation.isLongTextVR(vr) || ValueRepresentation.isShortTextVR(vr)
                || ValueRepresentation.isUnlimitedTextVR(vr) || ValueRepresentation.isUnlimitedCharactersVR(vr);
    }

    /** A value of the attribute's VR that carries nothing: what D puts where an IOD needs a value. */
    private void dummy(List<String> values, Attribute replacement) throws DicomException {
        byte[] vr = replacement.getVR();
        String dummy;
        if (ValueRepresentation.isUniqueIdentifierVR(vr)) {
            for (String uid : values) {
                replacement.addValue(remapUid(uid));
            }
            return;
        } else if (ValueRepresentation.isDateVR(vr)) {
            dummy = "19000101";
        } else if (ValueRepresentation.isDateTimeVR(vr)) {
            dummy = "19000101000000";
        } else if (ValueRepresentation.isTimeVR(vr)) {
            dummy = "000000";
        } else if (ValueRepresentation.isAgeStringVR(vr)) {
            dummy = "000Y";
        } else if (ValueRepresentation.isDecimalStringVR(vr) || ValueRepresentation.isIntegerStringVR(vr)) {
            dummy = "0";
        } else if (ValueRepresentation.isUniversalResourceVR(vr)) {
            dummy = "urn:vigie:anonymized";
        } else if (isFreeText(vr) || ValueRepresentation.isPersonNameVR(vr)
                || ValueRepresentation.isCodeStringVR(vr) || ValueRepresentation.isApplicationEntityVR(vr)) {
            dummy = DUMMY_TEXT;
        } else {
            return; // bulk and binary values: left empty
        }
        replacement.addValue(dummy);
    }

    private String remapUid(String uid) {
        return uid.isEmpty() || uid.startsWith(DICOM_UID_PREFIX) ? uid : pseudonyms.uid(uid);
    }

    /** A date that cannot be read is dropped: keeping it could keep a real date. */
    private String shiftDate(String date) {
        try {
            return date.isEmpty() ? date : pseudonyms.shift(LocalDate.parse(date, DA), shiftDays).format(DA);
        } catch (DateTimeParseException e) {
            return "";
        }
    }

    private String shiftDateTime(String dateTime) {
        if (dateTime.length() < 8) {
            return "";
        }
        String date = shiftDate(dateTime.substring(0, 8));
        return date.isEmpty() ? "" : date + dateTime.substring(8);
    }

    /**
     * Private attributes: removed, unless the Retain Safe Private option is on and the profile lists the element
     * for its creator; a private creator stays only while an element of its block does.
     */
    private void rewritePrivate(AttributeList list) throws DicomException {
        boolean retainSafe = profile.has(ProfileOption.RETAIN_SAFE_PRIVATE)
                && profile.actionFor(table.privateRow()) == Action.CLEAN;
        Map<Integer, String> creators = new HashMap<>();
        for (AttributeTag tag : list.keySet()) {
            if (tag.isPrivate() && tag.getElement() >= 0x0010 && tag.getElement() <= 0x00FF) {
                creators.put(tag.getGroup() << 8 | tag.getElement(), list.get(tag).getSingleStringValueOrEmptyString());
            }
        }
        Set<Integer> blocksInUse = new HashSet<>();
        List<AttributeTag> creatorTags = new ArrayList<>();
        for (AttributeTag tag : new ArrayList<>(list.keySet())) {
            if (!tag.isPrivate()) {
                continue;
            }
            int element = tag.getElement();
            if (element >= 0x0010 && element <= 0x00FF) {
                creatorTags.add(tag);
                continue;
            }
            int block = tag.getGroup() << 8 | (element >> 8);
            String creator = element >= 0x1000 ? creators.get(block) : null;
            boolean safe = retainSafe && creator != null && profile.safePrivateAttributes().stream()
                    .anyMatch(s -> s.matches(creator, tag.getGroup(), element));
            if (safe) {
                blocksInUse.add(block);
                Attribute attribute = list.get(tag);
                if (ValueRepresentation.isSequenceVR(attribute.getVR())) {
                    Iterator<SequenceItem> items = ((SequenceAttribute) attribute).iterator();
                    while (items.hasNext()) {
                        rewrite(items.next().getAttributeList());
                    }
                }
            } else {
                list.remove(tag);
            }
        }
        for (AttributeTag tag : creatorTags) {
            if (!blocksInUse.contains(tag.getGroup() << 8 | tag.getElement())) {
                list.remove(tag);
            }
        }
    }

    /**
     * An overlay whose data the profile removed (60xx,3000) is removed whole: its rows, columns and origin alone
     * would be an overlay plane without a bitmap, which no IOD allows.
     */
    private static void removeEmptiedOverlays(AttributeList list) {
        Set<Integer> overlayGroups = new HashSet<>();
        Set<Integer> withData = new HashSet<>();
        for (AttributeTag tag : list.keySet()) {
            if ((tag.getGroup() & 0xFF01) == 0x6000) {
                overlayGroups.add(tag.getGroup());
                if (tag.getElement() == 0x3000) {
                    withData.add(tag.getGroup());
                }
            }
        }
        overlayGroups.removeAll(withData);
        list.keySet().removeIf(tag -> overlayGroups.contains(tag.getGroup()));
    }

    @FunctionalInterface
    private interface Filler {
        void fill(List<String> values, Attribute replacement) throws DicomException;
    }

    private static void replace(AttributeList list, Attribute attribute, Filler filler) throws DicomException {
        Attribute replacement = AttributeFactory.newAttribute(attribute.getTag(), attribute.getVR());
        filler.fill(values(attribute), replacement);
        list.put(replacement);
    }

    private static void replaceEach(AttributeList list, Attribute attribute, UnaryOperator<String> operator)
            throws DicomException {
        replace(list, attribute, (values, replacement) -> {
            for (String value : values) {
                String result = operator.apply(value.trim());
                if (!result.isEmpty() || values.size() > 1) {
                    replacement.addValue(result);
                }
            }
        });
    }

    private static List<String> values(Attribute attribute) throws DicomException {
        String[] values = attribute.getStringValues();
        return values == null ? List.of() : List.of(values);
    }
}
