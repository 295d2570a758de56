package io.vigie.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomDictionary;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.OtherByteAttribute;
import com.pixelmed.dicom.OtherWordAttribute;
import com.pixelmed.dicom.TransferSyntax;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One DICOM data set, read whole into memory. This class and the anonymizer are where PixelMed's types stay: the
 * rest of Vigie names attributes by their DICOM keyword ({@code "PatientID"}) and gets plain Java values.
 */
public final class DicomInstance {

    private static final AttributeTag PIXEL_DATA = new AttributeTag(0x7FE0, 0x0010);

    private final AttributeList attributes;
    private final String transferSyntaxUid;
    /**
     * The received data set (or the whole file read) while its trailing Pixel Data element is kept as received (not
     * parsed): the element's bytes are those from {@code pixelDataOffset} to its limit; a heap buffer, or a file
     * mapped read-only ({@link #readPart10(ByteBuffer)}). Null once everything is in {@link #attributes}.
     */
    private ByteBuffer received;
    private int pixelDataOffset;

    private DicomInstance(AttributeList attributes, String transferSyntaxUid) {
        this.attributes = attributes;
        this.transferSyntaxUid = transferSyntaxUid;
    }

    /** A data set built in memory ({@link DataSetBuilder}), to be written in {@code transferSyntaxUid}. */
    static DicomInstance of(AttributeList attributes, String transferSyntaxUid) {
        return new DicomInstance(attributes, transferSyntaxUid);
    }

    private DicomInstance(AttributeList attributesBeforePixelData, String transferSyntaxUid, ByteBuffer received,
            int pixelDataOffset) {
        this(attributesBeforePixelData, transferSyntaxUid);
        this.received = received.duplicate().clear();
        this.pixelDataOffset = pixelDataOffset;
    }

    /**
     * Reads a data set as it arrives in a C-STORE: no preamble, no meta information, in the negotiated syntax. Its
     * declared lengths are checked first ({@link DeclaredLengths}): parsing never allocates more than was received.
     *
     * <p>When Pixel Data is the data set's last element (little endian, not deflated: the usual image), only what
     * precedes it is parsed; the pixel data stays as received until something asks for it, and {@link #toPart10}
     * copies it unchanged. Decoding and re-encoding it was most of the cost of storing a CT slice, and de-identification
     * never needs it unless pixels are to be cleaned ({@link #attributeList()} then parses it).
     */
    public static DicomInstance readDataSet(byte[] dataSet, String transferSyntaxUid) throws MalformedDicomException {
        TransferSyntax syntax = new TransferSyntax(transferSyntaxUid);
        int trailingPixelData = -1;
        if (!syntax.isDeflated() && !syntax.isBzip2ed()) { // compressed streams: nothing to walk
            trailingPixelData = DeclaredLengths.check(dataSet, syntax.isExplicitVR(), syntax.isBigEndian());
        }
        if (trailingPixelData > 0 && !syntax.isBigEndian()) {
            Optional<AttributeList> header = readHeader(dataSet, trailingPixelData, transferSyntaxUid);
            if (header.isPresent()) {
                return new DicomInstance(header.get(), transferSyntaxUid, ByteBuffer.wrap(dataSet), trailingPixelData);
            }
        }
        try {
            return new DicomInstance(read(dataSet, 0, dataSet.length, transferSyntaxUid), transferSyntaxUid);
        } catch (IOException e) {
            throw malformed(e);
        }
    }

    /**
     * The attributes before the Pixel Data element, or empty when they do not parse on their own: the walk's offset
     * can fall inside a defined-length sequence (an icon image's pixel data ending the data set), and the full parse
     * then decides, with its own error for a data set that really is malformed.
     */
    private static Optional<AttributeList> readHeader(byte[] dataSet, int length, String transferSyntaxUid) {
        return readHeader(dataSet, 0, length, transferSyntaxUid);
    }

    private static Optional<AttributeList> readHeader(byte[] bytes, int offset, int length,
            String transferSyntaxUid) {
        try {
            AttributeList header = read(bytes, offset, length, transferSyntaxUid);
            return header.get(PIXEL_DATA) == null ? Optional.of(header) : Optional.empty();
        } catch (IOException | MalformedDicomException e) {
            return Optional.empty();
        }
    }

    /** Part of a received data set, from {@code offset}: its start, or its trailing Pixel Data element. */
    private static AttributeList read(byte[] dataSet, int offset, int length, String transferSyntaxUid)
            throws IOException, MalformedDicomException {
        return read(length, new DicomInputStream(new ByteArrayInputStream(dataSet, offset, length), transferSyntaxUid,
                false), transferSyntaxUid);
    }

    /**
     * Reads a Part 10 file (preamble, "DICM", meta information, data set). As for {@link #readDataSet}, a trailing
     * Pixel Data element of a little endian, not deflated data set stays as read until something asks for it: the
     * header is all most readers need, and {@link StoredPixelValues} reads native pixels from those bytes directly.
     * A file whose layout this does not recognise is parsed whole, as PixelMed reads it.
     */
    public static DicomInstance readPart10(InputStream part10) throws MalformedDicomException {
        try {
            return readPart10(ByteBuffer.wrap(part10.readAllBytes()));
        } catch (IOException e) {
            throw malformed(e);
        }
    }

    /**
     * The same from a file's bytes in a buffer (its position to its limit), a file mapped read-only among them: then
     * only the meta information and the header are copied into the heap, and the kept pixel data is read from the
     * mapping ({@link StoredPixelValues}). Why: reading a file into an array zeroes the array and copies the file
     * into it; the detector's 300 files took 0.034 to 0.057 s to parse that way, and mapping them all 0.004 to 0.007 s
     * (docs/benchmarks.md, Detection). The buffer must not change while the
     * instance is used: the archive's files are written once.
     */
    public static DicomInstance readPart10(ByteBuffer part10) throws MalformedDicomException {
        ByteBuffer file = part10.slice();
        try {
            int dataSetStart = dataSetStart(file);
            if (dataSetStart > 0) {
                Optional<DicomInstance> kept = readKeepingPixelData(file, dataSetStart);
                if (kept.isPresent()) {
                    return kept.get();
                }
            }
            byte[] bytes = bytes(file, 0, file.limit());
            AttributeList list = read(bytes.length, new DicomInputStream(new ByteArrayInputStream(bytes)), null);
            return new DicomInstance(list, transferSyntax(list));
        } catch (IOException e) {
            throw malformed(e);
        }
    }

    /** Bytes [offset, offset + length) of a buffer counted from its start: its own array when it has one whole. */
    private static byte[] bytes(ByteBuffer buffer, int offset, int length) {
        if (buffer.hasArray() && buffer.arrayOffset() == 0 && offset == 0 && length == buffer.array().length) {
            return buffer.array();
        }
        byte[] bytes = new byte[length];
        buffer.get(offset, bytes, 0, length);
        return bytes;
    }

    private static String transferSyntax(AttributeList meta) throws MalformedDicomException {
        String transferSyntax = Attribute.getSingleStringValueOrEmptyString(meta, tag("TransferSyntaxUID"));
        if (transferSyntax.isEmpty()) {
            throw new MalformedDicomException("no TransferSyntaxUID in the file meta information", null);
        }
        return transferSyntax;
    }

    /**
     * Where the data set starts in the usual layout: a 128-byte preamble, "DICM", then the meta information with its
     * group length (0002,0000) first, explicit VR little endian as PS3.10 requires; -1 for any other layout.
     */
    private static int dataSetStart(ByteBuffer file) {
        final int groupLength = 132;
        if (file.limit() < groupLength + 12 || file.get(128) != 'D' || file.get(129) != 'I' || file.get(130) != 'C'
                || file.get(131) != 'M') {
            return -1;
        }
        ByteBuffer header = file.duplicate().position(groupLength).slice().order(ByteOrder.LITTLE_ENDIAN);
        if (header.getShort() != 0x0002 || header.getShort() != 0x0000 || header.get() != 'U' || header.get() != 'L'
                || header.getShort() != 4) {
            return -1;
        }
        long length = Integer.toUnsignedLong(header.getInt());
        long start = groupLength + 12 + length;
        return start <= file.limit() ? (int) start : -1;
    }

    /** The file's meta information and header, its pixel data kept; empty when that does not apply or not parse. */
    private static Optional<DicomInstance> readKeepingPixelData(ByteBuffer file, int dataSetStart)
            throws MalformedDicomException {
        AttributeList meta;
        try {
            meta = read(dataSetStart, new DicomInputStream(new ByteArrayInputStream(bytes(file, 0, dataSetStart))),
                    null);
        } catch (IOException | MalformedDicomException e) {
            return Optional.empty(); // whatever PixelMed makes of the meta information alone, the whole parse decides
        }
        String transferSyntaxUid = transferSyntax(meta);
        TransferSyntax syntax = new TransferSyntax(transferSyntaxUid);
        if (syntax.isDeflated() || syntax.isBzip2ed() || syntax.isBigEndian()) {
            return Optional.empty();
        }
        int trailingPixelData;
        try {
            trailingPixelData = DeclaredLengths.check(file, dataSetStart, syntax.isExplicitVR(), false);
        } catch (MalformedDicomException e) {
            return Optional.empty(); // the whole parse says what is wrong, in PixelMed's words, as before
        }
        if (trailingPixelData < 0) {
            return Optional.empty();
        }
        Optional<AttributeList> header = readHeader(bytes(file, dataSetStart, trailingPixelData - dataSetStart), 0,
                trailingPixelData - dataSetStart, transferSyntaxUid);
        if (header.isEmpty()) {
            return Optional.empty();
        }
        header.get().putAll(meta);
        return Optional.of(new DicomInstance(header.get(), transferSyntaxUid, file, trailingPixelData));
    }

    /**
     * PixelMed logs, rather than throws, an element that runs past the end of the data and stops there; the byte
     * count it returns is then short of the input, which is how a truncated or corrupt data set is caught here. A
     * deflated data set is counted after inflation, so there the count says nothing and an inflation error is what
     * catches a truncated one.
     *
     * @param transferSyntaxUid the data set's syntax, or null for a Part 10 file (its meta information says)
     */
    private static AttributeList read(long inputLength, DicomInputStream in, String transferSyntaxUid)
            throws IOException, MalformedDicomException {
        AttributeList list = new AttributeList();
        // Compressed Pixel Data stays as it came (its frames, encapsulated): PixelMed would otherwise decompress it on
        // read, or fail without a codec, and toPart10 would then write native pixels under a compressed syntax.
        // Whoever needs the pixels decodes them on demand (StoredPixelValues).
        list.setDecompressPixelData(false);
        long consumed;
        try (in) {
            consumed = list.read(in);
        } catch (DicomException e) {
            throw new MalformedDicomException("unreadable data set: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // Some corrupt lengths surface as unchecked exceptions (negative array size, index errors).
            throw new MalformedDicomException("corrupt data set: " + e, e);
        }
        String syntax = transferSyntaxUid != null ? transferSyntaxUid
                : Attribute.getSingleStringValueOrEmptyString(list, tag("TransferSyntaxUID"));
        TransferSyntax parsed = syntax.isEmpty() ? null : new TransferSyntax(syntax);
        boolean inflated = parsed != null && (parsed.isDeflated() || parsed.isBzip2ed());
        if (consumed != inputLength && !inflated) {
            throw new MalformedDicomException("data set is truncated or has an element longer than the data: "
                    + "parsing stopped at byte " + consumed + " of " + inputLength, null);
        }
        return list;
    }

    private static MalformedDicomException malformed(IOException e) {
        return new MalformedDicomException("truncated or unreadable data set: " + e, e);
    }

    public String transferSyntaxUid() {
        return transferSyntaxUid;
    }

    /** The first value of the attribute named by its DICOM keyword, or "" when absent or empty. */
    public String string(String keyword) {
        AttributeTag tag = tag(keyword);
        return Attribute.getSingleStringValueOrEmptyString(listHolding(tag), tag).trim();
    }

    /** Every value of a multi-valued attribute (e.g. ImagePositionPatient), trimmed; empty when absent. */
    public List<String> strings(String keyword) {
        AttributeTag tag = tag(keyword);
        String[] values = Attribute.getStringValues(listHolding(tag).get(tag));
        return values == null ? List.of() : Stream.of(values).map(String::trim).toList();
    }

    /** The attribute's value as an integer, or null when absent, empty or not a number. */
    public Integer integer(String keyword) {
        String value = string(keyword);
        try {
            return value.isEmpty() ? null : Integer.valueOf(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The raw bytes of the attribute's value (for Pixel Data comparisons), or null when absent. */
    public byte[] bytes(String keyword) throws MalformedDicomException {
        AttributeTag tag = tag(keyword);
        Attribute attribute = listHolding(tag).get(tag);
        try {
            return attribute == null ? null : attribute.getByteValues(false);
        } catch (DicomException e) {
            throw new MalformedDicomException("cannot read " + keyword, e);
        }
    }

    /**
     * This data set as a Part 10 file in its transfer syntax, with fresh file meta information. Pixel data still kept
     * as received is appended as received: it is the last element, so the file stays in ascending tag order. So is an
     * OB Pixel Data made in memory ({@link #trailingPixelBytes}), written as PixelMed writes an OB element.
     */
    public byte[] toPart10(String sourceApplicationEntityTitle) {
        try {
            attributes.removeMetaInformationHeaderAttributes();
            FileMetaInformation.addFileMetaInformation(attributes, transferSyntaxUid, sourceApplicationEntityTitle);
            if (received != null) {
                ByteBuffer pixelData = received.duplicate().position(pixelDataOffset);
                return appended(written(16 * 1024), pixelData.remaining(), pixelData);
            }
            byte[] pixelBytes = trailingPixelBytes();
            if (pixelBytes != null) {
                Attribute pixelData = attributes.remove(PIXEL_DATA);
                ByteArrayOutputStream header;
                try {
                    header = written(16 * 1024);
                } finally {
                    attributes.put(pixelData);
                }
                int paddedLength = pixelBytes.length + (pixelBytes.length & 1); // a zero byte pads OB to even
                ByteBuffer elementHeader = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN)
                        .putShort((short) PIXEL_DATA.getGroup()).putShort((short) PIXEL_DATA.getElement())
                        .put((byte) 'O').put((byte) 'B').putShort((short) 0).putInt(paddedLength).flip();
                return appended(header, 12 + paddedLength, elementHeader, ByteBuffer.wrap(pixelBytes));
            }
            return written(16 * 1024 + pixelDataLengthHint()).toByteArray();
        } catch (IOException | DicomException e) {
            throw new IllegalStateException("cannot encode a data set we read ourselves", e);
        }
    }

    /** The attribute list written out as a Part 10 file, into a buffer of {@code initialSize}. */
    private ByteArrayOutputStream written(int initialSize) throws IOException, DicomException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(initialSize);
        attributes.write(out, transferSyntaxUid, true, true);
        return out;
    }

    /**
     * The header's bytes, then the pieces, in one array {@code tailLength} longer than the header (what the pieces
     * leave is zero): the pixel data, 512 KB a slice or 16 MB a SEG, is copied once.
     */
    private static byte[] appended(ByteArrayOutputStream header, int tailLength, ByteBuffer... pieces) {
        ByteBuffer file = ByteBuffer.wrap(Arrays.copyOf(header.toByteArray(), header.size() + tailLength))
                .position(header.size());
        for (ByteBuffer piece : pieces) {
            file.put(piece);
        }
        return file.array();
    }

    /**
     * The bytes of an OB Pixel Data value made in memory ({@link DataSetBuilder#bytes}, a SEG's frames) when it ends an
     * Explicit VR Little Endian data set, else null. Written through PixelMed's stream, the 16 MB of the benchmark's
     * SEG were copied three times (into the stream, again when its buffer grew past its first size, then out of it).
     */
    private byte[] trailingPixelBytes() throws DicomException {
        if (!DataSetBuilder.EXPLICIT_VR_LITTLE_ENDIAN.equals(transferSyntaxUid) || attributes.isEmpty()
                || !PIXEL_DATA.equals(attributes.lastKey())) {
            return null;
        }
        Attribute pixelData = attributes.get(PIXEL_DATA);
        return pixelData.getClass() == OtherByteAttribute.class ? pixelData.getByteValues() : null;
    }

    /**
     * The length of a parsed Pixel Data value when it is known and plausible, else 0: the output buffer of an image
     * whose pixels were parsed (for pixel cleaning, say) is then allocated once, not grown by doubling and copying.
     */
    private int pixelDataLengthHint() {
        Attribute pixelData = attributes.get(PIXEL_DATA);
        long length = pixelData == null ? 0 : pixelData.getVL();
        return length > 0 && length < 1L << 30 ? (int) length : 0;
    }

    /**
     * The PixelMed attribute list behind this instance, complete (pixel data kept as received is parsed first). The
     * boundary: only Vigie's DICOM modules (the anonymizer, the gateway) reach through it; everything else uses the
     * keyword accessors.
     */
    public AttributeList attributeList() {
        parseKeptPixelData();
        return attributes;
    }

    /**
     * Every attribute before Pixel Data, without parsing pixel data kept as received: for rewriting that never
     * touches Pixel Data (attribute de-identification). What is added here is written before the kept pixel data.
     */
    public AttributeList attributesBeforePixelData() {
        return attributes;
    }

    /**
     * The value of Pixel Data while it is kept as read and native (a defined length: not encapsulated), little
     * endian, without parsing it; empty otherwise. {@link StoredPixelValues} reads the pixels from it.
     */
    Optional<ByteBuffer> keptNativePixelData() {
        if (received == null) {
            return Optional.empty();
        }
        ByteBuffer element = received.duplicate().position(pixelDataOffset).slice().order(ByteOrder.LITTLE_ENDIAN);
        boolean explicitVr = new TransferSyntax(transferSyntaxUid).isExplicitVR();
        int headerLength = explicitVr ? 12 : 8;
        if (element.remaining() < headerLength) {
            return Optional.empty();
        }
        long length = Integer.toUnsignedLong(element.getInt(headerLength - 4));
        if (length == 0xFFFF_FFFFL || length > element.remaining() - headerLength) {
            return Optional.empty();
        }
        return Optional.of(element.position(headerLength).limit(headerLength + (int) length).slice()
                .order(ByteOrder.LITTLE_ENDIAN));
    }

    /**
     * The attribute, or null: pixel data kept as read is parsed only for Pixel Data or what follows it. The SR and SEG
     * writers copy the source's patient and study attributes this way, without parsing the source's pixels.
     */
    Attribute attribute(AttributeTag tag) {
        return listHolding(tag).get(tag);
    }

    /** Pixel Data is the only element kept as received; asking for it, or for anything after it, parses it. */
    private AttributeList listHolding(AttributeTag tag) {
        if (received != null && tag.compareTo(PIXEL_DATA) >= 0) {
            parseKeptPixelData();
        }
        return attributes;
    }

    private void parseKeptPixelData() {
        if (received == null) {
            return;
        }
        try {
            int length = received.limit() - pixelDataOffset;
            AttributeList pixels = read(bytes(received, pixelDataOffset, length), 0, length, transferSyntaxUid);
            attributes.putAll(pixels);
            if (!new TransferSyntax(transferSyntaxUid).isExplicitVR()
                    && attributes.get(PIXEL_DATA) instanceof OtherByteAttribute bytes
                    && Attribute.getSingleIntegerValueOrDefault(attributes, tag("BitsAllocated"), 16) > 8) {
                attributes.put(asWords(bytes));
            }
        } catch (IOException | MalformedDicomException | DicomException e) {
            // Its lengths were checked on receipt; failing now means the walk and PixelMed disagree.
            throw new IllegalStateException("cannot parse the pixel data of a data set already checked", e);
        }
        received = null;
    }

    /**
     * Implicit VR gives Pixel Data no VR of its own: read apart from the header, PixelMed cannot see BitsAllocated
     * and makes it OB, where the whole data set read at once gives OW for 16-bit pixels. The same little-endian
     * bytes as words, so that the kept pixel data parses to what the full parse gives.
     */
    private static OtherWordAttribute asWords(OtherByteAttribute bytes) throws DicomException {
        byte[] values = bytes.getByteValues();
        short[] words = new short[values.length / 2];
        ByteBuffer.wrap(values).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(words);
        OtherWordAttribute attribute = new OtherWordAttribute(PIXEL_DATA);
        attribute.setValues(words);
        return attribute;
    }

    public static AttributeTag tag(String keyword) {
        AttributeTag tag = DicomDictionary.StandardDictionary.getTagFromName(keyword);
        if (tag == null) {
            throw new IllegalArgumentException("not a DICOM keyword: " + keyword);
        }
        return tag;
    }
}
