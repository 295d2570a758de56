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
import java.util.List;
import java.util.stream.Stream;

/**
 * One DICOM data set, read whole into memory. This class and the anonymizer are where PixelMed's types stay: the
 * rest of Vigie names attributes by their DICOM keyword ({@code "PatientID"}) and gets plain Java values.
 */
public final class DicomInstance {

    private final AttributeList attributes;
    private final String transferSyntaxUid;

    private DicomInstance(AttributeList attributes, String transferSyntaxUid) {
        this.attributes = attributes;
        this.transferSyntaxUid = transferSyntaxUid;
    }

    /** A data set built in memory ({@link DataSetBuilder}), to be written in {@code transferSyntaxUid}. */
    static DicomInstance of(AttributeList attributes, String transferSyntaxUid) {
        return new DicomInstance(attributes, transferSyntaxUid);
    }

    /**
     * Reads a data set as it arrives in a C-STORE: no preamble, no meta information, in the negotiated syntax. Its
     * declared lengths are checked first ({@link DeclaredLengths}): parsing never allocates more than was received.
     */
    public static DicomInstance readDataSet(byte[] dataSet, String transferSyntaxUid) throws MalformedDicomException {
        TransferSyntax syntax = new TransferSyntax(transferSyntaxUid);
        if (!syntax.isDeflated() && !syntax.isBzip2ed()) { // compressed streams: nothing to walk
            DeclaredLengths.check(dataSet, syntax.isExplicitVR(), syntax.isBigEndian());
        }
        try {
            return new DicomInstance(read(dataSet, new DicomInputStream(new ByteArrayInputStream(dataSet),
                    transferSyntaxUid, false), transferSyntaxUid), transferSyntaxUid);
        } catch (IOException e) {
            throw malformed(e);
        }
    }

    /** Reads a Part 10 file (preamble, "DICM", meta information, data set). */
    public static DicomInstance readPart10(InputStream part10) throws MalformedDicomException {
        try {
            byte[] file = part10.readAllBytes();
            AttributeList list = read(file, new DicomInputStream(new ByteArrayInputStream(file)), null);
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
    private static AttributeList read(byte[] input, DicomInputStream in, String transferSyntaxUid)
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
        boolean inflated = !syntax.isEmpty() && (new TransferSyntax(syntax).isDeflated()
                || new TransferSyntax(syntax).isBzip2ed());
        if (consumed != input.length && !inflated) {
            throw new MalformedDicomException("data set is truncated or has an element longer than the data: "
                    + "parsing stopped at byte " + consumed + " of " + input.length, null);
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
        return Attribute.getSingleStringValueOrEmptyString(attributes, tag(keyword)).trim();
    }

    /** Every value of a multi-valued attribute (e.g. ImagePositionPatient), trimmed; empty when absent. */
    public List<String> strings(String keyword) {
        String[] values = Attribute.getStringValues(attributes.get(tag(keyword)));
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
        Attribute attribute = attributes.get(tag(keyword));
        try {
            return attribute == null ? null : attribute.getByteValues(false);
        } catch (DicomException e) {
            throw new MalformedDicomException("cannot read " + keyword, e);
        }
    }

    /** This data set as a Part 10 file in its transfer syntax, with fresh file meta information. */
    public byte[] toPart10(String sourceApplicationEntityTitle) {
        try {
            attributes.removeMetaInformationHeaderAttributes();
            FileMetaInformation.addFileMetaInformation(attributes, transferSyntaxUid, sourceApplicationEntityTitle);
            ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
            attributes.write(out, transferSyntaxUid, true, true);
            return out.toByteArray();
        } catch (IOException | DicomException e) {
            throw new IllegalStateException("cannot encode a data set we read ourselves", e);
        }
    }

    /**
     * The PixelMed attribute list behind this instance. The boundary: only Vigie's DICOM modules (the anonymizer, the
     * gateway) reach through it; everything else uses the keyword accessors.
     */
    public AttributeList attributeList() {
        return attributes;
    }

    public static AttributeTag tag(String keyword) {
        AttributeTag tag = DicomDictionary.StandardDictionary.getTagFromName(keyword);
        if (tag == null) {
            throw new IllegalArgumentException("not a DICOM keyword: " + keyword);
        }
        return tag;
    }
}
