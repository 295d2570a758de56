package io.vigie.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomDictionary;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.TransferSyntax;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
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
     * The received data set while its trailing Pixel Data element is kept as received (not parsed): the element's
     * bytes are {@code received[pixelDataOffset..]}. Null once everything is in {@link #attributes}.
     */
    private byte[] received;
    private int pixelDataOffset;

    private DicomInstance(AttributeList attributes, String transferSyntaxUid) {
        this.attributes = attributes;
        this.transferSyntaxUid = transferSyntaxUid;
    }

    /** A data set built in memory ({@link DataSetBuilder}), to be written in {@code transferSyntaxUid}. */
    static DicomInstance of(AttributeList attributes, String transferSyntaxUid) {
        return new DicomInstance(attributes, transferSyntaxUid);
    }

    private DicomInstance(AttributeList attributesBeforePixelData, String transferSyntaxUid, byte[] received,
            int pixelDataOffset) {
        this(attributesBeforePixelData, transferSyntaxUid);
        this.received = received;
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
                return new DicomInstance(header.get(), transferSyntaxUid, dataSet, trailingPixelData);
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
        try {
            AttributeList header = read(dataSet, 0, length, transferSyntaxUid);
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

    /** Reads a Part 10 file (preamble, "DICM", meta information, data set). */
    public static DicomInstance readPart10(InputStream part10) throws MalformedDicomException {
        try {
            byte[] file = part10.readAllBytes();
            AttributeList list = read(file.length, new DicomInputStream(new ByteArrayInputStream(file)), null);
            String transferSyntax = Attribute.getSingleStringValueOrEmptyString(list, tag("TransferSyntaxUID"));
            if (transferSyntax.isEmpty()) {
                throw new MalformedDicomException("no TransferSyntaxUID in the file meta information", null);
            }
            return new DicomInstance(list, transferSyntax);
        } catch (IOException e) {
            throw malformed(e);
        }
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
     * as received is appended as received: it is the last element, so the file stays in ascending tag order.
     */
    public byte[] toPart10(String sourceApplicationEntityTitle) {
        try {
            attributes.removeMetaInformationHeaderAttributes();
            FileMetaInformation.addFileMetaInformation(attributes, transferSyntaxUid, sourceApplicationEntityTitle);
            ByteArrayOutputStream header = new ByteArrayOutputStream(16 * 1024);
            attributes.write(header, transferSyntaxUid, true, true);
            if (received == null) {
                return header.toByteArray();
            }
            byte[] file = Arrays.copyOf(header.toByteArray(), header.size() + received.length - pixelDataOffset);
            System.arraycopy(received, pixelDataOffset, file, header.size(), received.length - pixelDataOffset);
            return file;
        } catch (IOException | DicomException e) {
            throw new IllegalStateException("cannot encode a data set we read ourselves", e);
        }
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
            attributes.putAll(read(received, pixelDataOffset, received.length - pixelDataOffset, transferSyntaxUid));
        } catch (IOException | MalformedDicomException e) {
            // Its lengths were checked on receipt; failing now means the walk and PixelMed disagree.
            throw new IllegalStateException("cannot parse the pixel data of a data set already checked", e);
        }
        received = null;
    }

    public static AttributeTag tag(String keyword) {
        AttributeTag tag = DicomDictionary.StandardDictionary.getTagFromName(keyword);
        if (tag == null) {
            throw new IllegalArgumentException("not a DICOM keyword: " + keyword);
        }
        return tag;
    }
}
