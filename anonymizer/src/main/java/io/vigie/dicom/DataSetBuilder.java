package io.vigie.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeFactory;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.AttributeTagAttribute;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.OtherByteAttribute;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.SpecificCharacterSet;
import com.pixelmed.dicom.ValueRepresentation;
import java.lang.reflect.Constructor;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Builds a new data set (an SR document, a segmentation) attribute by attribute, by DICOM keyword and plain Java
 * values, so that code outside this package composes DICOM objects without PixelMed's types. Each attribute gets the
 * VR of the standard dictionary; numbers for DS are written within its 16 characters.
 */
public final class DataSetBuilder {

    /** Explicit VR Little Endian: what Vigie writes the objects it creates in. */
    public static final String EXPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2.1";

    /**
     * Each keyword's tag and attribute class, found once: the SR and SEG of the benchmark series' 296 findings hold
     * about 49,000 attributes.
     */
    private static final ConcurrentMap<String, Maker> MAKERS = new ConcurrentHashMap<>();

    private final AttributeList attributes = new AttributeList();

    /** An attribute present with no value (Type 2). */
    public DataSetBuilder empty(String keyword) {
        attributes.put(newAttribute(keyword));
        return this;
    }

    /** Text values (any string VR: CS, LO, UI, DA, TM, PN, IS, DS...). */
    public DataSetBuilder set(String keyword, String... values) {
        Attribute attribute = newAttribute(keyword);
        try {
            for (String value : values) {
                attribute.addValue(value);
            }
        } catch (DicomException e) {
            throw new IllegalArgumentException(keyword + ": " + e.getMessage(), e);
        }
        attributes.put(attribute);
        return this;
    }

    /** Numeric values: binary for US, UL, SS, SL, FL, FD; decimal strings for DS and IS. */
    public DataSetBuilder numbers(String keyword, double... values) {
        Attribute attribute = newAttribute(keyword);
        byte[] vr = attribute.getVR();
        try {
            for (double value : values) {
                if (ValueRepresentation.isDecimalStringVR(vr)) {
                    attribute.addValue(decimalString(value));
                } else if (ValueRepresentation.isIntegerStringVR(vr) || ValueRepresentation.isUnsignedShortVR(vr)
                        || ValueRepresentation.isSignedShortVR(vr) || ValueRepresentation.isUnsignedLongVR(vr)
                        || ValueRepresentation.isSignedLongVR(vr)) {
                    attribute.addValue(Math.toIntExact(Math.round(value)));
                } else {
                    attribute.addValue(value);
                }
            }
        } catch (DicomException e) {
            throw new IllegalArgumentException(keyword + ": " + e.getMessage(), e);
        }
        attributes.put(attribute);
        return this;
    }

    /** An AT attribute pointing at other attributes, named by keyword (Dimension Index Pointer, for one). */
    public DataSetBuilder setTags(String keyword, String... pointedKeywords) {
        AttributeTagAttribute attribute = new AttributeTagAttribute(DicomInstance.tag(keyword));
        try {
            for (String pointed : pointedKeywords) {
                attribute.addValue(DicomInstance.tag(pointed));
            }
        } catch (DicomException e) {
            throw new IllegalArgumentException(keyword + ": " + e.getMessage(), e);
        }
        attributes.put(attribute);
        return this;
    }

    /** A sequence of the given items, in order; an empty list makes an empty (Type 2) sequence. */
    public DataSetBuilder sequence(String keyword, List<DataSetBuilder> items) {
        SequenceAttribute sequence = new SequenceAttribute(DicomInstance.tag(keyword));
        for (DataSetBuilder item : items) {
            sequence.addItem(item.attributes);
        }
        attributes.put(sequence);
        return this;
    }

    public DataSetBuilder sequence(String keyword, DataSetBuilder... items) {
        return sequence(keyword, List.of(items));
    }

    /** Bytes as OB (Pixel Data of a 1-bit segmentation, for one); padded to an even length as DICOM requires. */
    public DataSetBuilder bytes(String keyword, byte[] value) {
        OtherByteAttribute attribute = new OtherByteAttribute(DicomInstance.tag(keyword));
        byte[] even = value.length % 2 == 0 ? value : Arrays.copyOf(value, value.length + 1);
        try {
            attribute.setValues(even);
        } catch (DicomException e) {
            throw new IllegalArgumentException(keyword + ": " + e.getMessage(), e);
        }
        attributes.put(attribute);
        return this;
    }

    /**
     * Copies each attribute that the source has (sequences whole) and writes an empty one for each it lacks: the way
     * a derived object takes its Type 2 patient and study attributes from the images it was made from.
     */
    public DataSetBuilder copyOrEmpty(DicomInstance source, String... keywords) {
        for (String keyword : keywords) {
            Attribute attribute = source.attribute(DicomInstance.tag(keyword));
            if (attribute != null) {
                attributes.put(attribute);
            } else {
                empty(keyword);
            }
        }
        return this;
    }

    /** Copies each attribute that the source has; those it lacks stay absent. */
    public DataSetBuilder copyIfPresent(DicomInstance source, String... keywords) {
        for (String keyword : keywords) {
            Attribute attribute = source.attribute(DicomInstance.tag(keyword));
            if (attribute != null) {
                attributes.put(attribute);
            }
        }
        return this;
    }

    /** The data set, to be written in Explicit VR Little Endian ({@link DicomInstance#toPart10}). */
    public DicomInstance build() {
        return DicomInstance.of(attributes, EXPLICIT_VR_LITTLE_ENDIAN);
    }

    /**
     * A DS value (at most 16 characters): plain notation with as many significant digits as fit. Values that need
     * more digits than DS holds lose the last ones, which at 16 characters is below any measurement's precision.
     */
    static String decimalString(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("not a finite number: " + value);
        }
        String shortPlain = shortPlain(value);
        return shortPlain != null ? shortPlain : rounded(value);
    }

    /** {@link #decimalString} the long way: the value's exact decimal, rounded to the most digits that fit. */
    static String rounded(double value) {
        BigDecimal exact = new BigDecimal(value);
        for (int digits = 16; digits > 0; digits--) {
            String text = exact.round(new MathContext(digits)).stripTrailingZeros().toPlainString();
            if (text.length() <= 16) {
                return text;
            }
        }
        // Very small or very large magnitudes: DS allows an exponent (PS3.5 6.2, "1.5E-20").
        for (int digits = 16; digits > 0; digits--) {
            String text = exact.round(new MathContext(digits)).stripTrailingZeros().toString();
            if (text.length() <= 16) {
                return text;
            }
        }
        throw new IllegalArgumentException("cannot write " + value + " in 16 characters");
    }

    /**
     * The value's round-trip decimal ({@link Double#toString}) in plain notation when it fits in 16 characters, else
     * null. The rounding below gives the same text for such a value, but through BigDecimal and ten times slower (an
     * SEG writes three positions for every frame): a decimal that reads back as the value is within half an ulp of
     * it, so rounding the value to 15 significant digits, or to 16 when the text still fits, gives that decimal back;
     * a 16-digit rounding that differs from it has 16 digits and a point, 17 characters or more, and is passed over.
     */
    private static String shortPlain(double value) {
        if (value == 0) {
            return "0";
        }
        if (Math.abs(value) >= 1e15) {
            return null; // 16-digit integers: there a differing 16-digit rounding would fit too
        }
        String text = Double.toString(value);
        if (text.indexOf('E') >= 0) {
            return null;
        }
        int end = text.length();
        while (text.charAt(end - 1) == '0') {
            end--;
        }
        if (text.charAt(end - 1) == '.') {
            end--;
        }
        return end <= 16 ? text.substring(0, end) : null;
    }

    private static Attribute newAttribute(String keyword) {
        try {
            Maker maker = MAKERS.get(keyword);
            if (maker == null) {
                AttributeTag tag = DicomInstance.tag(keyword);
                Attribute first = AttributeFactory.newAttribute(tag);
                MAKERS.putIfAbsent(keyword, Maker.like(tag, first));
                return first;
            }
            return maker.make();
        } catch (DicomException | ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot make " + keyword + ": " + e.getMessage(), e);
        }
    }

    /**
     * What {@link AttributeFactory#newAttribute(AttributeTag)} does for a tag, without finding the tag, the class and
     * its constructor again each time: the class follows from the tag's dictionary VR, and a VR that a Specific
     * Character Set affects takes the (tag, character set) constructor with no character set, as the factory calls it.
     */
    private record Maker(AttributeTag tag, Constructor<? extends Attribute> constructor) {

        static Maker like(AttributeTag tag, Attribute made) throws NoSuchMethodException {
            Class<? extends Attribute> type = made.getClass();
            return new Maker(tag, ValueRepresentation.isAffectedBySpecificCharacterSet(made.getVR())
                    ? type.getConstructor(AttributeTag.class, SpecificCharacterSet.class)
                    : type.getConstructor(AttributeTag.class));
        }

        Attribute make() throws ReflectiveOperationException {
            return constructor.getParameterCount() == 1 ? constructor.newInstance(tag)
                    : constructor.newInstance(tag, null);
        }
    }
}
