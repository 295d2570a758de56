package io.vigie.dicom;

import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomDictionary;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

/**
 * Checks a received data set's declared value lengths before PixelMed parses it. PixelMed allocates a buffer of each
 * element's declared length before reading the value: a 1 KiB data set declaring a 2 GiB UT value would take the
 * heap down with it. Here every element, item and fragment is walked without reading any value, and one that declares
 * more bytes than the data set still holds is refused, so no allocation can exceed what was actually received.
 *
 * <p>It follows the data set's structure (sequences and items of defined and undefined length, encapsulated pixel
 * data fragments, UN of undefined length encoded in Implicit VR) but interprets nothing else.
 *
 * <p>The walk also finds where a top-level Pixel Data element starts when it is the last element of the data set
 * (the usual layout of an image): the ingest path then parses and rewrites only what precedes it and copies the
 * pixel data as received, instead of decoding and re-encoding half a megabyte per slice.
 */
final class DeclaredLengths {

    private static final long UNDEFINED = 0xFFFF_FFFFL;
    private static final int ITEM_GROUP = 0xFFFE;
    private static final int ITEM = 0xE000;
    private static final int SEQUENCE_DELIMITATION = 0xE0DD;
    private static final AttributeTag PIXEL_DATA = new AttributeTag(0x7FE0, 0x0010);
    /** The largest value PixelMed reads as implicit VR when an explicit VR syntax element has no VR. */
    private static final long PIXELMED_IMPLICIT_RECOVERY_LIMIT = 100_000;
    /** VRs whose explicit encoding has 2 reserved bytes and a 4-byte length (PS3.5 Table 7.1-1). */
    private static final Set<String> LONG_VRS = Set.of("OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN",
            "UR", "UT", "UV");
    private static final Set<String> SHORT_VRS = Set.of("AE", "AS", "AT", "CS", "DA", "DS", "DT", "FL", "FD", "IS",
            "LO", "LT", "PN", "SH", "SL", "SS", "ST", "TM", "UI", "UL", "US");

    private final ByteBuffer in;
    /** Whether each open undefined-length sequence is encoded with explicit VR, innermost first. */
    private final Deque<Boolean> openSequences = new ArrayDeque<>();
    private boolean explicitVr;
    private boolean inFragments;
    /** Where the header of a top-level Pixel Data element starts, while nothing has followed its value; else -1. */
    private int trailingPixelData = -1;

    private DeclaredLengths(ByteBuffer bytes, int offset, boolean explicitVr, ByteOrder order) {
        this.in = bytes.duplicate().clear().position(offset).slice().order(order);
        this.explicitVr = explicitVr;
    }

    /**
     * @return the offset of the header of the top-level Pixel Data element when it is the last element of the data
     *         set (its value, or its fragments and their delimiter, end exactly at the end); -1 otherwise
     * @throws MalformedDicomException when an element declares more bytes than remain after its header
     */
    static int check(byte[] dataSet, boolean explicitVr, boolean bigEndian) throws MalformedDicomException {
        return check(dataSet, 0, explicitVr, bigEndian);
    }

    /**
     * The same for a data set that fills {@code bytes} from {@code offset} to the end (a Part 10 file after its meta
     * information); the offset returned counts from the start of {@code bytes}.
     */
    static int check(byte[] bytes, int offset, boolean explicitVr, boolean bigEndian) throws MalformedDicomException {
        return check(ByteBuffer.wrap(bytes), offset, explicitVr, bigEndian);
    }

    /** The same for a buffer's bytes, from its start (its capacity is the data's end), a mapped file among them. */
    static int check(ByteBuffer bytes, int offset, boolean explicitVr, boolean bigEndian)
            throws MalformedDicomException {
        DeclaredLengths walk = new DeclaredLengths(bytes, offset, explicitVr,
                bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        walk.walk();
        return walk.trailingPixelData < 0 ? -1 : offset + walk.trailingPixelData;
    }

    private void walk() throws MalformedDicomException {
        while (in.hasRemaining()) {
            if (in.remaining() < 8) {
                throw new MalformedDicomException("data set is truncated: " + in.remaining()
                        + " bytes left where an element header needs 8", null);
            }
            int start = in.position();
            int group = Short.toUnsignedInt(in.getShort());
            int element = Short.toUnsignedInt(in.getShort());
            if (group == ITEM_GROUP) {
                if (!inFragments) {
                    trailingPixelData = -1; // an item or delimiter after the pixel data: it is not last
                }
                item(element, Integer.toUnsignedLong(in.getInt()));
            } else {
                // Any element read after a Pixel Data value means that Pixel Data was not the last element.
                trailingPixelData = -1;
                AttributeTag tag = new AttributeTag(group, element);
                if (tag.equals(PIXEL_DATA) && openSequences.isEmpty()) {
                    // Top level unless inside a defined-length sequence (an icon's pixel data): such one is followed
                    // by the rest of the data set, which resets this again.
                    trailingPixelData = start;
                }
                element(tag);
            }
        }
    }

    /** An item, item delimiter or sequence delimiter: tag and 4-byte length in every transfer syntax. */
    private void item(int element, long length) throws MalformedDicomException {
        if (element == SEQUENCE_DELIMITATION) {
            if (inFragments) {
                inFragments = false; // the end of encapsulated pixel data, not of a sequence
            } else if (!openSequences.isEmpty()) {
                explicitVr = openSequences.pop();
            }
        } else if (element == ITEM && length != UNDEFINED) {
            fits(length, "an item");
            if (inFragments) {
                skip(length); // a fragment of encapsulated pixel data: bytes, not elements
            }
        }
    }

    private void element(AttributeTag tag) throws MalformedDicomException {
        String vr;
        long length;
        String declared = explicitVr ? peekVr() : null;
        if (declared == null) {
            // Implicit VR, or an element written without its VR in an explicit syntax: PixelMed reads that one as
            // implicit too, if its length is plausible.
            vr = implicitVr(tag);
            length = Integer.toUnsignedLong(in.getInt());
            if (explicitVr && length > PIXELMED_IMPLICIT_RECOVERY_LIMIT) {
                throw new MalformedDicomException("unreadable data set: " + tag + " has no VR and declares "
                        + length + " bytes", null);
            }
        } else if (SHORT_VRS.contains(declared)) {
            vr = declared;
            in.position(in.position() + 2);
            length = Short.toUnsignedInt(in.getShort());
        } else {
            // A long VR, or one not yet defined: those are all encoded in the long form (PS3.5 7.1.2).
            vr = declared;
            if (in.remaining() < 8) {
                throw new MalformedDicomException("data set is truncated in the header of " + tag, null);
            }
            in.position(in.position() + 4);
            length = Integer.toUnsignedLong(in.getInt());
        }
        if (length == UNDEFINED) {
            if (tag.equals(PIXEL_DATA)) {
                inFragments = true;
            } else {
                // A sequence; an undefined-length UN holds one encoded in Implicit VR Little Endian (PS3.5 6.2.2).
                openSequences.push(explicitVr);
                if (vr.equals("UN")) {
                    explicitVr = false;
                }
            }
            return;
        }
        fits(length, tag);
        if (!vr.equals("SQ")) {
            skip(length); // a value; a sequence of defined length is walked into, its items are elements too
        }
    }

    /** The two VR characters after the tag, or null when they are not letters (no VR written). */
    private String peekVr() {
        if (in.remaining() < 4) {
            return null;
        }
        byte first = in.get(in.position());
        byte second = in.get(in.position() + 1);
        if (first < 'A' || first > 'Z' || second < 'A' || second > 'Z') {
            return null;
        }
        return new String(new byte[] {first, second}, StandardCharsets.US_ASCII);
    }

    private static String implicitVr(AttributeTag tag) {
        byte[] vr = DicomDictionary.StandardDictionary.getValueRepresentationFromTag(tag);
        return vr == null ? "UN" : new String(vr, StandardCharsets.US_ASCII);
    }

    /** {@code what}: a tag, or words; made text only for the error, since every element of every file passes here. */
    private void fits(long length, Object what) throws MalformedDicomException {
        if (length > in.remaining()) {
            throw new MalformedDicomException("data set is truncated or has an element longer than the data: "
                    + what + " declares " + length + " bytes, " + in.remaining() + " remain", null);
        }
    }

    private void skip(long length) {
        in.position(in.position() + (int) length);
    }
}
