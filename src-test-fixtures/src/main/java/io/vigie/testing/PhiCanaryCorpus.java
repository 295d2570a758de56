package io.vigie.testing;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeFactory;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.AttributeTagAttribute;
import com.pixelmed.dicom.DicomDictionary;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.OtherByteAttribute;
import com.pixelmed.dicom.OtherWordAttribute;
import com.pixelmed.dicom.SOPClass;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TransferSyntax;
import com.pixelmed.dicom.ValueRepresentation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A corpus of DICOM files full of "canaries": unique, recognisable values planted in every attribute that PS3.15
 * Table E.1-1 says may identify a patient, so that a de-identification test can byte-scan its output for any that
 * survived.
 *
 * <p>One Part 10 file (Explicit VR Little Endian) is written per {@link Kind}, each a plausible instance of its IOD.
 * Besides the table's attributes at top level, every file carries canaries where a de-identifier that only looks at
 * the top level would miss them: identifying attributes two levels down in sequences that are normally kept
 * (Anatomic Region Sequence; in the SEG the segment's, in the RT Structure Set its ROI and reference sequences, in
 * the SR its content tree), a private block with a private sequence, an overlay whose bit plane holds ASCII text, a
 * retired curve, and an icon image whose pixels hold ASCII text. Every planted value is listed, with where it is, in
 * {@link CorpusFile#canaries()}.
 *
 * <p>Canary forms, all unique across the corpus (serials run from 10001 over all files):
 * <ul>
 * <li>AE, CS, LO, SH, UC: {@code CNRY10001}; LT, ST, UT: {@code seen by CNRY10001 at home.}; PN:
 * {@code CNRY10001^PN}. The text to scan for is the {@code CNRY} token, so a partly cleaned value still counts.</li>
 * <li>UI: {@code 1.2.826.0.1.3680043.9.7777.10001}; UR: {@code http://cnry10001.example/}; IS, DS:
 * {@code 7310001}; AS: {@code 010Y}, {@code 011Y}, ...</li>
 * <li>DA: a date in 1800-1899 on the 7th of a month, the dates spread evenly over the century (about four months
 * apart for the whole table); DT: such a date followed by {@code 101010}. A date shift by exactly the distance between
 * two canary dates turns one into the other, which a scan then reports: a test that shifts dates should look for the
 * date canaries under its own shift, or check that its shift is not such a distance.</li>
 * <li>TM: {@code HHMMSS.0NNNNN}, the fraction carrying the serial, so that it cannot be found inside a date or a
 * number by chance.</li>
 * </ul>
 *
 * <p>The table's tags come from the caller (this module sits below the anonymizer that owns the table). A tag is
 * planted at top level when PixelMed's dictionary knows it and its VR holds text; a sequence of the table gets one
 * item with canaries in it; binary VRs are skipped, apart from the overlay, curve and icon data planted here. An
 * attribute the IOD needs is planted whether or not its tag is passed (Patient ID, the instance UIDs, the dates...),
 * and a tag already present is left as it is, so that SOP Class UID, Modality and the like keep their real values.
 * Not planted: command elements (group 0000), which written in a data set would come before the file meta
 * information and make the file unreadable; file meta information (group 0002), written by PixelMed, whose Media
 * Storage SOP Instance UID repeats the SOP Instance UID canary; in the SR, Person Name and UID at top level, which
 * are in its content items instead. The wildcard rows of the table (curves 50xx, overlays 60xx, private groups)
 * cannot be passed as tags and are covered by the blocks planted here.
 *
 * <p>dciodvfy finds three errors in each file, all from canaries in enumerated attributes (Patient's Sex, Smoking
 * Status, Instance Origin Status), and a fourth in the SR: a Verifying Observer Sequence in an unverified document
 * (marking it VERIFIED instead would leave the de-identified file, without the sequence, in error).
 *
 * <p>The same call writes byte-identical files: every UID and value comes from the serials, none from a clock.
 */
public final class PhiCanaryCorpus {

    /** The IODs written, one file each. */
    public enum Kind { CT, MR, SR, SEG, RTSTRUCT, US }

    /**
     * One planted value. path: the sequence tags leading to it (empty at top level), then tag. text: the exact string
     * (or ASCII bytes) a byte scan looks for.
     */
    public record Canary(List<Integer> sequencePath, int tag, String vr, String text) {
        public Canary {
            sequencePath = List.copyOf(sequencePath);
        }
    }

    /** A file written and the canaries planted in it. */
    public record CorpusFile(Path path, Kind kind, List<Canary> canaries) {
        public CorpusFile {
            canaries = List.copyOf(canaries);
        }
    }

    /** VRs a textual canary is planted in; any other VR of the table is binary and skipped. */
    private static final Set<String> TEXT_VRS = Set.of("AE", "AS", "CS", "DA", "DS", "DT", "IS", "LO", "LT", "PN",
            "SH", "ST", "TM", "UC", "UI", "UR", "UT");
    private static final String UID_ROOT = "1.2.826.0.1.3680043.9.7777.";
    private static final int FIRST_SERIAL = 10001;
    private static final int LAST_SERIAL = 99999; // keeps every token the same width, so none is a prefix of another
    private static final int CANARY_MONTHS = 100 * 12; // the months of 1800-1899, a date canary on the 7th of each
    private static final String PRIVATE_CREATOR = "VIGIE CANARY";
    private static final int SIDE = 16; // rows and columns of every image and overlay

    private static final DicomDictionary DICTIONARY = AttributeList.getDictionary();

    private final List<CorpusFile> files;

    private PhiCanaryCorpus(List<CorpusFile> files) {
        this.files = List.copyOf(files);
    }

    /**
     * Writes one Part 10 file per kind into folder, each with canaries planted in every given tag PixelMed's
     * dictionary knows (with its dictionary VR), plus nested, private, overlay and curve canaries.
     */
    public static PhiCanaryCorpus write(Path folder, Collection<Integer> tableTags) throws IOException {
        SortedSet<Integer> tags = new TreeSet<>(Comparator.comparingLong(Integer::toUnsignedLong));
        tags.addAll(tableTags);
        try {
            // A dry run counts the date canaries, so that the real run can spread them as widely as the century
            // allows: the further apart they are, the less likely a date shift maps one onto another.
            Serials counting = new Serials(1);
            for (Kind kind : Kind.values()) {
                new Builder(kind, counting).build(tags);
            }
            if (counting.dates > CANARY_MONTHS) {
                throw new IllegalStateException(counting.dates + " date canaries do not fit in the 1800s");
            }
            Serials serials = new Serials(Math.max(1, CANARY_MONTHS / Math.max(1, counting.dates)));

            Files.createDirectories(folder);
            List<CorpusFile> written = new ArrayList<>();
            for (Kind kind : Kind.values()) {
                Builder builder = new Builder(kind, serials);
                AttributeList list = builder.build(tags);
                Path path = folder.resolve(kind.name().toLowerCase(Locale.ROOT) + ".dcm");
                FileMetaInformation.addFileMetaInformation(list, TransferSyntax.ExplicitVRLittleEndian, "VIGIE");
                list.write(path.toFile(), TransferSyntax.ExplicitVRLittleEndian, true, true);
                written.add(new CorpusFile(path, kind, builder.canaries));
            }
            return new PhiCanaryCorpus(written);
        } catch (DicomException e) {
            throw new IOException("Could not build the PHI canary corpus in " + folder, e);
        }
    }

    public List<CorpusFile> files() {
        return files;
    }

    /** The counters shared by all files of one corpus, so that every canary is unique across it. */
    private static final class Serials {
        private final int dateStepMonths;
        private int serial = FIRST_SERIAL;
        private int dates;
        private int ages;

        Serials(int dateStepMonths) {
            this.dateStepMonths = dateStepMonths;
        }

        int next() {
            if (serial > LAST_SERIAL) {
                throw new IllegalStateException("More than " + (LAST_SERIAL - FIRST_SERIAL + 1) + " canaries");
            }
            return serial++;
        }

        /** The next date canary, YYYYMM07. */
        String nextDate() {
            int month = (dates++ * dateStepMonths) % CANARY_MONTHS; // wraps only in the dry run, which uses step 1
            return String.format(Locale.ROOT, "%04d%02d07", 1800 + month / 12, month % 12 + 1);
        }

        String nextAge() {
            if (ages >= 90) {
                throw new IllegalStateException("More than 90 age canaries");
            }
            return String.format(Locale.ROOT, "0%02dY", 10 + ages++);
        }
    }

    /** The value written into an attribute, and the text a byte scan looks for (the value or a part of it). */
    private record Planted(String value, String text) {
    }

    /** Builds the data set of one file, recording each canary it plants. */
    private static final class Builder {
        private final Kind kind;
        private final Serials serials;
        private final List<Canary> canaries = new ArrayList<>();

        Builder(Kind kind, Serials serials) {
            this.kind = kind;
            this.serials = serials;
        }

        AttributeList build(SortedSet<Integer> tableTags) throws DicomException {
            AttributeList list = new AttributeList();
            common(list);
            switch (kind) {
                case CT -> ct(list);
                case MR -> mr(list);
                case US -> us(list);
                case SEG -> seg(list);
                case RTSTRUCT -> rtStructureSet(list);
                case SR -> sr(list);
            }
            if (kind != Kind.SEG) {
                keptSequenceWithIdentifiers(list, List.of()); // SEG has it inside its segment instead
            }
            privateBlock(list);
            overlay(list);
            curve(list);
            iconImage(list);
            for (int tag : tableTags) {
                plantTableTag(list, tag);
            }
            completeModules(list);
            return list;
        }

        /**
         * Adds what the table's attributes leave required: a Type 2 sequence the caller did not pass, and the rest of
         * a module that an attribute of the table brings in.
         */
        private void completeModules(AttributeList list) throws DicomException {
            if (kind == Kind.SR) {
                putEmptySequenceIfAbsent(list, 0x00081111); // Referenced Performed Procedure Step Sequence
            }
            if (list.get(tag(0x00200052)) != null) { // Frame of Reference UID: the Frame of Reference Module
                putIfAbsent(list, 0x00201040); // Position Reference Indicator
            }
            if (list.get(tag(0x00200200)) != null) { // Synchronization Frame of Reference UID
                put(list, 0x0018106A, "NO TRIGGER"); // Synchronization Trigger
                put(list, 0x00181800, "N"); // Acquisition Time Synchronized
            }
            if (kind == Kind.SEG && list.get(tag(0x00209161)) != null) { // Concatenation UID
                plant(list, List.of(), 0x00200242); // SOP Instance UID of Concatenation Source
                putInt(list, 0x00209162, 1); // In-concatenation Number
                putUnsignedLong(list, 0x00209228, 0); // Concatenation Frame Offset Number
            }
            if (kind == Kind.RTSTRUCT && list.get(tag(0x300E0008)) != null) { // Reviewer Name: the Approval Module
                put(list, 0x300E0002, "APPROVED"); // Approval Status
                plantIfAbsent(list, 0x300E0004); // Review Date
                plantIfAbsent(list, 0x300E0005); // Review Time
            }
            if (list.get(tag(0x00102297)) != null) { // Responsible Person
                put(list, 0x00102298, "PARENT"); // Responsible Person Role
            }
            if (list.get(tag(0x00400512)) != null) { // Container Identifier: the Specimen Module is present
                putEmptySequenceIfAbsent(list, 0x00400518); // Container Type Code Sequence
                List<Integer> path = List.of(0x00400560);
                AttributeList specimen = new AttributeList();
                plant(specimen, path, 0x00400551); // Specimen Identifier
                plant(specimen, path, 0x00400554); // Specimen UID
                putEmptySequenceIfAbsent(specimen, 0x00400562); // Issuer of the Specimen Identifier Sequence
                putEmptySequenceIfAbsent(specimen, 0x00400610); // Specimen Preparation Sequence
                sequence(list, 0x00400560, specimen); // Specimen Description Sequence
            }
        }

        // ---- the table ---------------------------------------------------------------------------------------

        /** Plants a canary in one tag of the table at top level, unless the IOD has already put it there. */
        private void plantTableTag(AttributeList list, int tag) throws DicomException {
            int group = tag >>> 16;
            if (group == 0x0000 || group == 0x0002 || group % 2 == 1 || list.get(tag(tag)) != null
                    || kind == Kind.SR && (tag == 0x0040A123 || tag == 0x0040A124)) {
                // Command elements (group 0000) would sort before the file meta information and break the file;
                // file meta information (0002) is PixelMed's; private groups are planted by privateBlock. In an SR,
                // Person Name and UID at top level would be values of the root container: they are in its items.
                return;
            }
            String vr = dictionaryVr(tag);
            if (vr == null) {
                return;
            }
            if (vr.equals("SQ")) {
                plantTableSequence(list, tag);
            } else if (TEXT_VRS.contains(vr)) {
                plant(list, List.of(), tag, vr);
            }
        }

        /**
         * A sequence of the table, with one item holding canaries of attributes that would identify the patient if
         * they were kept. The item follows the macro the sequence's items use where dciodvfy checks it (person
         * identification, HL7v2 issuer, code, SOP reference and a few single ones), so that the corpus carries few
         * errors of its own; any other sequence gets a person's name and an ID. The icon image, also in the table,
         * is planted separately with text in its pixels.
         */
        private void plantTableSequence(AttributeList list, int tag) throws DicomException {
            List<Integer> inner = List.of(tag);
            AttributeList item = new AttributeList();
            String name = String.valueOf(DICTIONARY.getNameFromTag(tag(tag)));
            switch (tag) {
                case 0x00101002 -> { // Other Patient IDs Sequence
                    plant(item, inner, 0x00100020); // Patient ID
                    plant(item, inner, 0x00100021); // Issuer of Patient ID
                    put(item, 0x00100022, "TEXT"); // Type of Patient ID
                }
                case 0x00101100 -> referencedInstancesAndAccess(item, inner); // Referenced Patient Photo Sequence
                case 0x0018100A -> plant(item, inner, 0x00181009); // UDI Sequence: Unique Device Identifier
                case 0x00185011 -> deviceIdentification(item, inner); // Transducer Identification Sequence
                case 0x0040A073 -> { // Verifying Observer Sequence
                    plant(item, inner, 0x0040A075); // Verifying Observer Name
                    AttributeList code = new AttributeList();
                    localCode(code, append(inner, 0x0040A088));
                    sequence(item, 0x0040A088, code); // Verifying Observer Identification Code Sequence
                    plant(item, inner, 0x0040A027); // Verifying Organization
                    plant(item, inner, 0x0040A030); // Verification DateTime
                }
                case 0x0040A078 -> identifiedPerson(item, inner); // Author Observer Sequence
                case 0x0040A07A -> { // Participant Sequence
                    put(item, 0x0040A080, "ENT"); // Participation Type: data enterer
                    plant(item, inner, 0x0040A082); // Participation DateTime
                    identifiedPerson(item, inner);
                }
                case 0x0040A07C -> institution(item, inner); // Custodial Organization Sequence
                case 0x04000561 -> originalAttributes(item, inner);
                case 0xFFFAFFFA -> digitalSignature(item, inner);
                default -> {
                    if (name.startsWith("IssuerOf")) { // HL7v2 Hierarchic Designator Macro
                        plant(item, inner, 0x00400031); // Local Namespace Entity ID
                    } else if (name.endsWith("IdentificationSequence") || tag == 0x00700086) {
                        personIdentification(item, inner);
                    } else if (name.endsWith("CodeSequence")) {
                        localCode(item, inner);
                    } else if (name.startsWith("Referenced") || name.contains("Image")) {
                        put(item, 0x00081150, sopClassUid()); // Referenced SOP Class UID
                        plant(item, inner, 0x00081155); // Referenced SOP Instance UID
                    } else {
                        plant(item, inner, 0x00100010); // Patient's Name
                        plant(item, inner, 0x00100020); // Patient ID
                    }
                }
            }
            sequence(list, tag, item);
        }

        /** A code of a local scheme whose value and meaning are canaries (an institution's own code for a person). */
        private void localCode(AttributeList item, List<Integer> path) throws DicomException {
            plant(item, path, 0x00080100, "SH"); // Code Value
            put(item, 0x00080102, "99VIGIE"); // Coding Scheme Designator
            plant(item, path, 0x00080104, "LO"); // Code Meaning
        }

        /** Person Identification Macro: a code for the person and their institution's name. */
        private void personIdentification(AttributeList item, List<Integer> path) throws DicomException {
            AttributeList code = new AttributeList();
            localCode(code, append(path, 0x00401101));
            sequence(item, 0x00401101, code); // Person Identification Code Sequence
            plant(item, path, 0x00080080); // Institution Name
        }

        /** Identified Person or Device Macro, for a person: name, code, institution. */
        private void identifiedPerson(AttributeList item, List<Integer> path) throws DicomException {
            put(item, 0x0040A084, "PSN"); // Observer Type
            plant(item, path, 0x0040A123); // Person Name
            personIdentification(item, path);
            AttributeList institution = new AttributeList();
            localCode(institution, append(path, 0x00080082));
            sequence(item, 0x00080082, institution); // Institution Code Sequence
        }

        /** An institution by name and by code. */
        private void institution(AttributeList item, List<Integer> path) throws DicomException {
            plant(item, path, 0x00080080); // Institution Name
            AttributeList code = new AttributeList();
            localCode(code, append(path, 0x00080082));
            sequence(item, 0x00080082, code); // Institution Code Sequence
        }

        /** Device Identification Macro: a device whose label, serial number and identifier are canaries. */
        private void deviceIdentification(AttributeList item, List<Integer> path) throws DicomException {
            AttributeList type = new AttributeList();
            localCode(type, append(path, 0x3010002E));
            sequence(item, 0x3010002E, type); // Device Type Code Sequence
            plant(item, path, 0x3010002D); // Device Label
            plant(item, path, 0x30100043); // Manufacturer's Device Identifier
            plant(item, path, 0x00181000); // Device Serial Number
            plant(item, path, 0x3010001B); // Device Alternate Identifier
            put(item, 0x3010001C, "GSI"); // Device Alternate Identifier Type
            put(item, 0x3010001D, "GS1"); // Device Alternate Identifier Format
            put(item, 0x00181020, "1"); // Software Versions
        }

        /** Referenced Instances and Access Macro: a photo of the patient, in another study. */
        private void referencedInstancesAndAccess(AttributeList item, List<Integer> path) throws DicomException {
            put(item, 0x0040E020, "DICOM"); // Type of Instances
            plant(item, path, 0x0020000D); // Study Instance UID
            plant(item, path, 0x0020000E); // Series Instance UID
            AttributeList sop = new AttributeList();
            put(sop, 0x00081150, SOPClass.VisibleLightPhotographicImageStorage);
            plant(sop, append(path, 0x00081199), 0x00081155);
            plant(sop, append(path, 0x00081199), 0x0040E001); // HL7 Instance Identifier, which dciodvfy requires
            sequence(item, 0x00081199, sop); // Referenced SOP Sequence
            AttributeList retrieval = new AttributeList();
            plant(retrieval, append(path, 0x0040E021), 0x00080054); // Retrieve AE Title
            sequence(item, 0x0040E021, retrieval); // DICOM Retrieval Sequence
        }

        /** Original Attributes Sequence: the values the patient's name and ID had before a correction. */
        private void originalAttributes(AttributeList item, List<Integer> path) throws DicomException {
            AttributeList previous = new AttributeList();
            plant(previous, append(path, 0x04000550), 0x00100010);
            plant(previous, append(path, 0x04000550), 0x00100020);
            sequence(item, 0x04000550, previous); // Modified Attributes Sequence
            plant(item, path, 0x04000562); // Attribute Modification DateTime
            plant(item, path, 0x04000563); // Modifying System
            plant(item, path, 0x04000564); // Source of Previous Values
            put(item, 0x04000565, "CORRECT"); // Reason for the Attribute Modification
        }

        /** Digital Signatures Macro: a signature (of no value) whose UID and time are canaries. */
        private void digitalSignature(AttributeList item, List<Integer> path) throws DicomException {
            putInt(item, 0x04000005, 1); // MAC ID Number
            plant(item, path, 0x04000100); // Digital Signature UID
            plant(item, path, 0x04000105); // Digital Signature DateTime
            put(item, 0x04000110, "X509_1993_SIG"); // Certificate Type
            for (int tag : new int[] {0x04000115, 0x04000120}) { // Certificate of Signer, Signature
                OtherByteAttribute bytes = new OtherByteAttribute(tag(tag));
                bytes.setValues(new byte[16]);
                item.put(bytes);
            }
        }

        // ---- canaries -----------------------------------------------------------------------------------------

        /** Plants a canary of the given VR in tag of list, records it and returns the value written. */
        private String plant(AttributeList list, List<Integer> path, int tag, String vr) throws DicomException {
            Planted planted = next(vr);
            Attribute attribute = AttributeFactory.newAttribute(tag(tag), vr.getBytes(StandardCharsets.US_ASCII));
            attribute.addValue(planted.value());
            list.put(attribute);
            canaries.add(new Canary(path, tag, vr, planted.text()));
            return planted.value();
        }

        /** Plants a canary with the VR the dictionary gives the tag. */
        private String plant(AttributeList list, List<Integer> path, int tag) throws DicomException {
            return plant(list, path, tag, dictionaryVr(tag));
        }

        private Planted next(String vr) {
            int serial = serials.next();
            String token = "CNRY" + serial;
            return switch (vr) {
                case "AE", "CS", "LO", "SH", "UC" -> new Planted(token, token);
                case "LT", "ST", "UT" -> new Planted("seen by " + token + " at home.", token);
                case "PN" -> new Planted(token + "^PN", token);
                case "UI" -> new Planted(UID_ROOT + serial, UID_ROOT + serial);
                case "UR" -> new Planted("http://cnry" + serial + ".example/", "http://cnry" + serial + ".example/");
                case "IS", "DS" -> new Planted("73" + serial, "73" + serial);
                case "AS" -> same(serials.nextAge());
                case "DA" -> same(serials.nextDate());
                case "DT" -> same(serials.nextDate() + "101010");
                case "TM" -> {
                    int seconds = (int) ((serial * 7919L) % 86400); // 7919 is prime: distinct for 86400 serials
                    yield same(String.format(Locale.ROOT, "%02d%02d%02d.0%05d", seconds / 3600, seconds / 60 % 60,
                            seconds % 60, serial));
                }
                default -> throw new IllegalArgumentException("No textual canary for VR " + vr);
            };
        }

        private static Planted same(String value) {
            return new Planted(value, value);
        }

        // ---- modules common to all kinds -----------------------------------------------------------------------

        /** SOP Common, Patient, General Study, General Series and General Equipment. */
        private void common(AttributeList list) throws DicomException {
            put(list, 0x00080016, sopClassUid());
            plant(list, List.of(), 0x00080018); // SOP Instance UID
            put(list, 0x00080060, kind.name()); // Modality: the kinds are named after their modality
            put(list, 0x00200013, "1"); // Instance Number
            for (int tag : new int[] {0x00100010, 0x00100020, 0x00100030, 0x00100040, // patient
                    0x0020000D, 0x00080020, 0x00080030, 0x00080090, 0x00200010, 0x00080050, // study
                    0x0020000E, 0x00080080}) { // series, institution
                plant(list, List.of(), tag);
            }
            put(list, 0x00200011, "1"); // Series Number
            put(list, 0x00080070, "Vigie test fixtures"); // Manufacturer
            put(list, 0x00081090, "PhiCanaryCorpus"); // Manufacturer's Model Name
            put(list, 0x00181020, "1"); // Software Versions
        }

        /** Frame of Reference, General Image, Image Plane and Image Pixel for the single-frame images. */
        private void image(AttributeList list, int bitsAllocated) throws DicomException {
            plant(list, List.of(), 0x00200052); // Frame of Reference UID
            put(list, 0x00201040); // Position Reference Indicator, Type 2
            plant(list, List.of(), 0x00080023); // Content Date
            plant(list, List.of(), 0x00080033); // Content Time
            put(list, 0x00200020, "L", "P"); // Patient Orientation
            put(list, 0x00280030, "0.7", "0.7"); // Pixel Spacing
            put(list, 0x00200037, "1", "0", "0", "0", "1", "0"); // Image Orientation (Patient)
            put(list, 0x00200032, "-5.6", "-5.6", "0"); // Image Position (Patient)
            put(list, 0x00180050, "1"); // Slice Thickness
            put(list, 0x00201041, "0"); // Slice Location
            putInt(list, 0x00280002, 1); // Samples per Pixel
            put(list, 0x00280004, "MONOCHROME2");
            putInt(list, 0x00280010, SIDE); // Rows
            putInt(list, 0x00280011, SIDE); // Columns
            putInt(list, 0x00280100, bitsAllocated);
            putInt(list, 0x00280101, bitsAllocated == 16 ? 12 : 8); // Bits Stored
            putInt(list, 0x00280102, bitsAllocated == 16 ? 11 : 7); // High Bit
            putInt(list, 0x00280103, 0); // Pixel Representation
            if (bitsAllocated == 16) {
                short[] pixels = new short[SIDE * SIDE];
                for (int i = 0; i < pixels.length; i++) {
                    pixels[i] = (short) ((i % SIDE + i / SIDE) * 64); // a diagonal ramp, no ASCII text in it
                }
                OtherWordAttribute pixelData = new OtherWordAttribute(tag(0x7FE00010));
                pixelData.setValues(pixels);
                list.put(pixelData);
            } else {
                byte[] pixels = new byte[SIDE * SIDE];
                for (int i = 0; i < pixels.length; i++) {
                    pixels[i] = (byte) ((i % SIDE + i / SIDE) * 8);
                }
                OtherByteAttribute pixelData = new OtherByteAttribute(tag(0x7FE00010));
                pixelData.setValues(pixels);
                list.put(pixelData);
            }
        }

        // ---- the kinds ----------------------------------------------------------------------------------------

        private void ct(AttributeList list) throws DicomException {
            image(list, 16);
            put(list, 0x00080008, "ORIGINAL", "PRIMARY", "AXIAL"); // Image Type
            put(list, 0x00185100, "HFS"); // Patient Position
            put(list, 0x00281052, "-1024"); // Rescale Intercept
            put(list, 0x00281053, "1"); // Rescale Slope
            put(list, 0x00180060, "120"); // KVP
            put(list, 0x00200012, "1"); // Acquisition Number
        }

        private void mr(AttributeList list) throws DicomException {
            image(list, 16);
            put(list, 0x00080008, "ORIGINAL", "PRIMARY", "OTHER");
            put(list, 0x00185100, "HFS");
            put(list, 0x00180020, "SE"); // Scanning Sequence
            put(list, 0x00180021, "NONE"); // Sequence Variant
            put(list, 0x00180022); // Scan Options, Type 2
            put(list, 0x00180023, "2D"); // MR Acquisition Type
            put(list, 0x00180080, "500"); // Repetition Time
            put(list, 0x00180081, "20"); // Echo Time
            put(list, 0x00180091, "1"); // Echo Train Length
            put(list, 0x00200012, "1");
        }

        private void us(AttributeList list) throws DicomException {
            image(list, 8);
            // US images carry no plane geometry; drop what image() put there.
            for (int tag : new int[] {0x00280030, 0x00200037, 0x00200032, 0x00180050, 0x00201041}) {
                list.remove(tag(tag));
            }
            put(list, 0x00080008, "ORIGINAL", "PRIMARY", "ABDOMINAL");
            put(list, 0x00280301, "YES"); // Burned In Annotation: an ultrasound screen usually has the name on it
            put(list, 0x00282110, "00"); // Lossy Image Compression
        }

        /** A binary segmentation of one frame of a CT image, 1 bit per pixel. */
        private void seg(AttributeList list) throws DicomException {
            List<Integer> top = List.of();
            plant(list, top, 0x00200052); // Frame of Reference UID
            put(list, 0x00201040); // Position Reference Indicator, Type 2
            plant(list, top, 0x00080023); // Content Date
            plant(list, top, 0x00080033); // Content Time
            plant(list, top, 0x00181000); // Device Serial Number, Type 1 in Enhanced General Equipment
            put(list, 0x00080008, "DERIVED", "PRIMARY");
            put(list, 0x00700080, "NODULE"); // Content Label
            put(list, 0x00700081, "Nodule outline"); // Content Description
            plant(list, top, 0x00700084); // Content Creator's Name
            put(list, 0x00620001, "BINARY"); // Segmentation Type
            put(list, 0x00282110, "00");
            putInt(list, 0x00280002, 1);
            put(list, 0x00280004, "MONOCHROME2");
            putInt(list, 0x00280010, SIDE);
            putInt(list, 0x00280011, SIDE);
            putInt(list, 0x00280100, 1);
            putInt(list, 0x00280101, 1);
            putInt(list, 0x00280102, 0);
            putInt(list, 0x00280103, 0);
            put(list, 0x00280008, "1"); // Number of Frames

            // Segment Sequence: the segment's anatomy carries identifiers two levels down.
            AttributeList segment = new AttributeList();
            putInt(segment, 0x00620004, 1); // Segment Number
            put(segment, 0x00620005, "Nodule"); // Segment Label
            put(segment, 0x00620008, "MANUAL"); // Segment Algorithm Type
            sequence(segment, 0x00620003, code("49755003", "SCT", "Morphologically abnormal structure"));
            sequence(segment, 0x0062000F, code("4147007", "SCT", "Mass"));
            keptSequenceWithIdentifiers(segment, List.of(0x00620002));
            sequence(list, 0x00620002, segment);

            // The source CT image, referenced from the frame and from Common Instance Reference.
            AttributeList referencedInstance = new AttributeList();
            put(referencedInstance, 0x00081150, SOPClass.CTImageStorage);
            String sourceImage = plant(referencedInstance, List.of(0x00081115, 0x0008114A), 0x00081155);
            AttributeList referencedSeries = new AttributeList();
            plant(referencedSeries, List.of(0x00081115), 0x0020000E);
            sequence(referencedSeries, 0x0008114A, referencedInstance);
            sequence(list, 0x00081115, referencedSeries);

            // Multi-frame Dimension: segment number, then position.
            List<Integer> organizationPath = List.of(0x00209221);
            AttributeList organization = new AttributeList();
            String organizationUid = plant(organization, organizationPath, 0x00209164);
            sequence(list, 0x00209221, organization);
            SequenceAttribute dimensions = new SequenceAttribute(tag(0x00209222));
            int[][] pointers = {{0x0062000B, 0x0062000A}, {0x00200032, 0x00209113}};
            for (int[] pointer : pointers) {
                AttributeList dimension = new AttributeList();
                putTag(dimension, 0x00209165, pointer[0]); // Dimension Index Pointer
                putTag(dimension, 0x00209167, pointer[1]); // Functional Group Pointer
                put(dimension, 0x00209164, organizationUid);
                dimensions.addItem(dimension);
            }
            list.put(dimensions);

            // Shared and per-frame functional groups.
            AttributeList shared = new AttributeList();
            AttributeList measures = new AttributeList();
            put(measures, 0x00280030, "0.7", "0.7");
            put(measures, 0x00180050, "1");
            sequence(shared, 0x00289110, measures); // Pixel Measures Sequence
            AttributeList orientation = new AttributeList();
            put(orientation, 0x00200037, "1", "0", "0", "0", "1", "0");
            sequence(shared, 0x00209116, orientation); // Plane Orientation Sequence
            sequence(list, 0x52009229, shared);

            AttributeList frame = new AttributeList();
            AttributeList content = new AttributeList();
            putUnsignedLong(content, 0x00209157, 1, 1); // Dimension Index Values
            sequence(frame, 0x00209111, content); // Frame Content Sequence
            AttributeList position = new AttributeList();
            put(position, 0x00200032, "-5.6", "-5.6", "0");
            sequence(frame, 0x00209113, position);
            AttributeList segmentIdentification = new AttributeList();
            putInt(segmentIdentification, 0x0062000B, 1);
            sequence(frame, 0x0062000A, segmentIdentification);
            AttributeList sourceImageItem = new AttributeList();
            put(sourceImageItem, 0x00081150, SOPClass.CTImageStorage);
            put(sourceImageItem, 0x00081155, sourceImage);
            sequence(sourceImageItem, 0x0040A170,
                    code("121322", "DCM", "Source image for image processing operation"));
            AttributeList derivation = new AttributeList();
            sequence(derivation, 0x00082112, sourceImageItem); // Source Image Sequence
            sequence(derivation, 0x00089215, code("113076", "DCM", "Segmentation")); // Derivation Code Sequence
            sequence(frame, 0x00089124, derivation); // Derivation Image Sequence
            sequence(list, 0x52009230, frame);

            byte[] bits = new byte[SIDE * SIDE / 8]; // a 6 x 6 square of 1 bits, least significant bit first
            for (int y = 5; y < 11; y++) {
                for (int x = 5; x < 11; x++) {
                    int bit = y * SIDE + x;
                    bits[bit / 8] |= (byte) (1 << (bit % 8));
                }
            }
            OtherByteAttribute pixelData = new OtherByteAttribute(tag(0x7FE00010));
            pixelData.setValues(bits);
            list.put(pixelData);
        }

        /** One closed contour on one CT image, with its ROI, its observation and the image's references. */
        private void rtStructureSet(AttributeList list) throws DicomException {
            List<Integer> top = List.of();
            plant(list, top, 0x30060002); // Structure Set Label, in the table too
            plant(list, top, 0x30060008); // Structure Set Date
            plant(list, top, 0x30060009); // Structure Set Time
            plant(list, top, 0x00081070); // Operators' Name, Type 2 in RT Series
            // dciodvfy wants the Frame of Reference Module; the contours are in that frame, referenced below.
            String forUid = plant(list, top, 0x00200052); // Frame of Reference UID
            put(list, 0x00201040); // Position Reference Indicator, Type 2

            // Referenced Frame of Reference > RT Referenced Study > RT Referenced Series > Contour Image.
            List<Integer> forPath = List.of(0x30060010);
            List<Integer> studyPath = append(forPath, 0x30060012);
            List<Integer> seriesPath = append(studyPath, 0x30060014);
            List<Integer> imagePath = append(seriesPath, 0x30060016);
            AttributeList image = new AttributeList();
            put(image, 0x00081150, SOPClass.CTImageStorage);
            String imageUid = plant(image, imagePath, 0x00081155);
            AttributeList series = new AttributeList();
            plant(series, seriesPath, 0x0020000E);
            sequence(series, 0x30060016, image);
            AttributeList study = new AttributeList();
            put(study, 0x00081150, "1.2.840.10008.3.1.2.3.1"); // Detached Study Management, as RT requires
            plant(study, studyPath, 0x00081155);
            sequence(study, 0x30060014, series);
            AttributeList frameOfReference = new AttributeList();
            put(frameOfReference, 0x00200052, forUid);
            sequence(frameOfReference, 0x30060012, study);
            sequence(list, 0x30060010, frameOfReference);

            List<Integer> roiPath = List.of(0x30060020);
            AttributeList roi = new AttributeList();
            put(roi, 0x30060022, "1"); // ROI Number
            put(roi, 0x30060024, forUid); // Referenced Frame of Reference UID
            plant(roi, roiPath, 0x30060026); // ROI Name
            plant(roi, roiPath, 0x30060028); // ROI Description
            put(roi, 0x30060036, "MANUAL"); // ROI Generation Algorithm
            plant(roi, roiPath, 0x30060038); // ROI Generation Description
            sequence(list, 0x30060020, roi);

            AttributeList contourImage = new AttributeList();
            put(contourImage, 0x00081150, SOPClass.CTImageStorage);
            put(contourImage, 0x00081155, imageUid);
            AttributeList contour = new AttributeList();
            sequence(contour, 0x30060016, contourImage);
            put(contour, 0x30060042, "CLOSED_PLANAR"); // Contour Geometric Type
            put(contour, 0x30060046, "4"); // Number of Contour Points
            put(contour, 0x30060050, "-2", "-2", "0", "2", "-2", "0", "2", "2", "0", "-2", "2", "0");
            AttributeList roiContour = new AttributeList();
            put(roiContour, 0x3006002A, "255", "0", "0"); // ROI Display Color
            put(roiContour, 0x30060084, "1"); // Referenced ROI Number
            sequence(roiContour, 0x30060040, contour);
            sequence(list, 0x30060039, roiContour);

            List<Integer> observationPath = List.of(0x30060080);
            AttributeList observation = new AttributeList();
            put(observation, 0x30060082, "1"); // Observation Number
            put(observation, 0x30060084, "1");
            plant(observation, observationPath, 0x30060085); // ROI Observation Label
            put(observation, 0x300600A4, "GTV"); // RT ROI Interpreted Type
            plant(observation, observationPath, 0x300600A6); // ROI Interpreter
            sequence(list, 0x30060080, observation);
        }

        /**
         * A Comprehensive SR whose content tree holds canaries in TEXT, PNAME, DATE, UIDREF, CODE and NUM items, at
         * the first level and inside a container at the second.
         */
        private void sr(AttributeList list) throws DicomException {
            List<Integer> top = List.of();
            plant(list, top, 0x00080023);
            plant(list, top, 0x00080033);
            put(list, 0x0040A491, "COMPLETE"); // Completion Flag
            put(list, 0x0040A493, "UNVERIFIED"); // Verification Flag
            list.put(new SequenceAttribute(tag(0x0040A372))); // Performed Procedure Code Sequence, Type 2
            put(list, 0x0040A040, "CONTAINER"); // Value Type
            sequence(list, 0x0040A043, code("18748-4", "LN", "Diagnostic imaging report"));
            put(list, 0x0040A050, "SEPARATE"); // Continuity of Content

            int contentSequence = 0x0040A730;
            List<Integer> level1 = List.of(contentSequence);
            List<Integer> level2 = List.of(contentSequence, contentSequence);
            SequenceAttribute findings = new SequenceAttribute(tag(contentSequence));
            findings.addItem(contentItem("CONTAINS", "TEXT", code("121071", "DCM", "Finding"), level2));
            findings.addItem(contentItem("CONTAINS", "PNAME", code("121008", "DCM", "Person Observer Name"), level2));
            findings.addItem(contentItem("CONTAINS", "DATE", code("111060", "DCM", "Study Date"), level2));
            findings.addItem(contentItem("CONTAINS", "UIDREF", code("110180", "DCM", "Study Instance UID"), level2));
            findings.addItem(contentItem("CONTAINS", "CODE", code("121071", "DCM", "Finding"), level2));
            findings.addItem(contentItem("CONTAINS", "NUM", code("121206", "DCM", "Distance"), level2));
            AttributeList container = new AttributeList();
            put(container, 0x0040A010, "CONTAINS"); // Relationship Type
            put(container, 0x0040A040, "CONTAINER");
            sequence(container, 0x0040A043, code("121070", "DCM", "Findings"));
            put(container, 0x0040A050, "SEPARATE");
            container.put(findings);

            SequenceAttribute root = new SequenceAttribute(tag(contentSequence));
            root.addItem(contentItem("HAS OBS CONTEXT", "PNAME", code("121008", "DCM", "Person Observer Name"),
                    level1));
            root.addItem(contentItem("CONTAINS", "TEXT", code("121073", "DCM", "Impression"), level1));
            root.addItem(container);
            list.put(root);
        }

        /** One SR content item of the value type, its value a canary recorded under path. */
        private AttributeList contentItem(String relationship, String valueType, AttributeList conceptName,
                List<Integer> path) throws DicomException {
            AttributeList item = new AttributeList();
            put(item, 0x0040A010, relationship);
            put(item, 0x0040A040, valueType);
            sequence(item, 0x0040A043, conceptName);
            switch (valueType) {
                case "TEXT" -> plant(item, path, 0x0040A160, "UT"); // Text Value
                case "PNAME" -> plant(item, path, 0x0040A123, "PN"); // Person Name
                case "DATE" -> plant(item, path, 0x0040A121, "DA"); // Date
                case "UIDREF" -> plant(item, path, 0x0040A124, "UI"); // UID
                case "CODE" -> {
                    // A local code whose meaning names someone: the meaning is the canary.
                    AttributeList concept = new AttributeList();
                    put(concept, 0x00080100, "V0001");
                    put(concept, 0x00080102, "99VIGIE");
                    plant(concept, append(path, 0x0040A168), 0x00080104, "LO");
                    sequence(item, 0x0040A168, concept); // Concept Code Sequence
                }
                case "NUM" -> {
                    AttributeList measured = new AttributeList();
                    sequence(measured, 0x004008EA, code("mm", "UCUM", "millimeter")); // Measurement Units
                    plant(measured, append(path, 0x0040A300), 0x0040A30A, "DS"); // Numeric Value
                    sequence(item, 0x0040A300, measured); // Measured Value Sequence
                }
                default -> throw new IllegalArgumentException(valueType);
            }
            return item;
        }

        // ---- canaries off the top level -----------------------------------------------------------------------

        /**
         * Anatomic Region Sequence, which a de-identifier normally keeps, with identifying attributes in its item and
         * in the item of its Anatomic Region Modifier Sequence, two levels down: a de-identifier must apply the table
         * inside kept sequences too.
         */
        private void keptSequenceWithIdentifiers(AttributeList list, List<Integer> path) throws DicomException {
            List<Integer> regionPath = append(path, 0x00082218);
            List<Integer> modifierPath = append(regionPath, 0x00082220);
            AttributeList modifier = code("7771000", "SCT", "Left");
            plant(modifier, modifierPath, 0x00100010); // Patient's Name
            plant(modifier, modifierPath, 0x00100020); // Patient ID
            plant(modifier, modifierPath, 0x00101000); // Other Patient IDs
            plant(modifier, modifierPath, 0x00080080); // Institution Name
            plant(modifier, modifierPath, 0x00081155); // Referenced SOP Instance UID
            plant(modifier, modifierPath, 0x00100030); // Patient's Birth Date
            AttributeList region = code("39607008", "SCT", "Lung");
            plant(region, regionPath, 0x00080080);
            plant(region, regionPath, 0x00100010);
            sequence(region, 0x00082220, modifier);
            sequence(list, 0x00082218, region);
        }

        /** A private block of creator VIGIE CANARY: a LO, a UT and a private sequence, each with a canary. */
        private void privateBlock(AttributeList list) throws DicomException {
            Attribute creator = AttributeFactory.newAttribute(tag(0x00290010), ValueRepresentation.LO);
            creator.addValue(PRIVATE_CREATOR);
            list.put(creator);
            List<Integer> top = List.of();
            plant(list, top, 0x00291010, "LO");
            plant(list, top, 0x00291011, "UT");
            AttributeList item = new AttributeList();
            plant(item, List.of(0x00291012), 0x00100010, "PN");
            plant(item, List.of(0x00291012), 0x00100020, "LO");
            sequence(list, 0x00291012, item);
        }

        /**
         * Overlay group 6000: a 16 x 16 graphics overlay whose bit plane spells a canary in ASCII (as if a name had
         * been drawn into it), with a description, a label and comments that are canaries too.
         */
        private void overlay(AttributeList list) throws DicomException {
            putInt(list, 0x60000010, SIDE); // Overlay Rows
            putInt(list, 0x60000011, SIDE); // Overlay Columns
            put(list, 0x60000040, "G"); // Overlay Type
            putSignedShort(list, 0x60000050, 1, 1); // Overlay Origin
            putInt(list, 0x60000100, 1); // Overlay Bits Allocated
            putInt(list, 0x60000102, 0); // Overlay Bit Position
            String text = "CNRY" + serials.next();
            OtherWordAttribute data = new OtherWordAttribute(tag(0x60003000));
            data.setValues(littleEndianWords(asciiPadded(text, SIDE * SIDE / 8)));
            list.put(data);
            canaries.add(new Canary(List.of(), 0x60003000, "OW", text));
            plant(list, List.of(), 0x60000022, "LO"); // Overlay Description
            plant(list, List.of(), 0x60001500, "LO"); // Overlay Label
            plant(list, List.of(), 0x60004000, "LT"); // Overlay Comments
        }

        /**
         * Curve group 5000 (retired in 2004, but still met in old files and in the table): a one-dimensional curve
         * whose data holds a canary in ASCII, with a description and a label that are canaries.
         */
        private void curve(AttributeList list) throws DicomException {
            int points = 16;
            putInt(list, 0x50000005, 1); // Curve Dimensions
            putInt(list, 0x50000010, points); // Number of Points
            put(list, 0x50000020, "TAC"); // Type of Data: time activity curve
            putInt(list, 0x50000103, 0); // Data Value Representation: unsigned short
            plant(list, List.of(), 0x50000022, "LO"); // Curve Description
            plant(list, List.of(), 0x50002500, "LO"); // Curve Label
            String text = "CNRY" + serials.next();
            OtherByteAttribute data = new OtherByteAttribute(tag(0x50003000));
            data.setValues(asciiPadded(text, points * 2));
            list.put(data);
            canaries.add(new Canary(List.of(), 0x50003000, "OB", text));
        }

        /** Icon Image Sequence (in the table): an 8 x 8 thumbnail whose pixels hold a canary in ASCII. */
        private void iconImage(AttributeList list) throws DicomException {
            AttributeList icon = new AttributeList();
            putInt(icon, 0x00280002, 1);
            put(icon, 0x00280004, "MONOCHROME2");
            putInt(icon, 0x00280010, 8);
            putInt(icon, 0x00280011, 8);
            putInt(icon, 0x00280100, 8);
            putInt(icon, 0x00280101, 8);
            putInt(icon, 0x00280102, 7);
            putInt(icon, 0x00280103, 0);
            String text = "CNRY" + serials.next();
            OtherByteAttribute pixels = new OtherByteAttribute(tag(0x7FE00010));
            pixels.setValues(asciiPadded(text, 64));
            icon.put(pixels);
            canaries.add(new Canary(List.of(0x00880200), 0x7FE00010, "OB", text));
            sequence(list, 0x00880200, icon);
        }

        // ---- helpers ------------------------------------------------------------------------------------------

        private String sopClassUid() {
            return switch (kind) {
                case CT -> SOPClass.CTImageStorage;
                case MR -> SOPClass.MRImageStorage;
                case SR -> SOPClass.ComprehensiveSRStorage;
                case SEG -> SOPClass.SegmentationStorage;
                case RTSTRUCT -> SOPClass.RTStructureSetStorage;
                case US -> SOPClass.UltrasoundImageStorage;
            };
        }

        private void putIfAbsent(AttributeList list, int tag) throws DicomException {
            if (list.get(tag(tag)) == null) {
                put(list, tag);
            }
        }

        private void plantIfAbsent(AttributeList list, int tag) throws DicomException {
            if (list.get(tag(tag)) == null) {
                plant(list, List.of(), tag);
            }
        }

        private void putEmptySequenceIfAbsent(AttributeList list, int tag) {
            if (list.get(tag(tag)) == null) {
                list.put(new SequenceAttribute(tag(tag)));
            }
        }
    }

    // ---- plain values -------------------------------------------------------------------------------------------

    /** Puts an attribute with the dictionary's VR and the given values (none: zero length). */
    private static void put(AttributeList list, int tag, String... values) throws DicomException {
        Attribute attribute = known(tag);
        for (String value : values) {
            if (!value.isEmpty()) {
                attribute.addValue(value);
            }
        }
        list.put(attribute);
    }

    private static void putInt(AttributeList list, int tag, int value) throws DicomException {
        Attribute attribute = known(tag);
        attribute.addValue(value);
        list.put(attribute);
    }

    private static void putSignedShort(AttributeList list, int tag, int... values) throws DicomException {
        Attribute attribute = AttributeFactory.newAttribute(tag(tag), ValueRepresentation.SS);
        for (int value : values) {
            attribute.addValue(value);
        }
        list.put(attribute);
    }

    private static void putUnsignedLong(AttributeList list, int tag, int... values) throws DicomException {
        Attribute attribute = known(tag);
        for (int value : values) {
            attribute.addValue(value);
        }
        list.put(attribute);
    }

    private static void putTag(AttributeList list, int tag, int value) throws DicomException {
        AttributeTagAttribute attribute = new AttributeTagAttribute(tag(tag));
        attribute.addValue(tag(value));
        list.put(attribute);
    }

    /** Puts a sequence of one item. */
    private static void sequence(AttributeList list, int tag, AttributeList item) {
        SequenceAttribute sequence = new SequenceAttribute(tag(tag));
        sequence.addItem(item);
        list.put(sequence);
    }

    /** A code sequence item. */
    private static AttributeList code(String value, String scheme, String meaning) throws DicomException {
        AttributeList item = new AttributeList();
        put(item, 0x00080100, value);
        put(item, 0x00080102, scheme);
        put(item, 0x00080104, meaning);
        return item;
    }

    /** The ASCII bytes of text, then zeros up to length. */
    private static byte[] asciiPadded(String text, int length) {
        byte[] bytes = new byte[length];
        byte[] ascii = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(ascii, 0, bytes, 0, ascii.length);
        return bytes;
    }

    /** Bytes as 16-bit words, so that writing them little endian gives the bytes back in order. */
    private static short[] littleEndianWords(byte[] bytes) {
        short[] words = new short[bytes.length / 2];
        for (int i = 0; i < words.length; i++) {
            words[i] = (short) ((bytes[2 * i] & 0xFF) | (bytes[2 * i + 1] & 0xFF) << 8);
        }
        return words;
    }

    /** A new attribute of a tag the dictionary knows, with its VR; a tag it does not know is a typo here. */
    private static Attribute known(int tag) throws DicomException {
        if (dictionaryVr(tag) == null) {
            throw new IllegalArgumentException(String.format("Tag %08X is not in the dictionary", tag));
        }
        return AttributeFactory.newAttribute(tag(tag));
    }

    private static String dictionaryVr(int tag) {
        byte[] vr = DICTIONARY.getValueRepresentationFromTag(tag(tag));
        return vr == null ? null : new String(vr, StandardCharsets.US_ASCII);
    }

    private static AttributeTag tag(int tag) {
        return new AttributeTag(tag >>> 16, tag & 0xFFFF);
    }

    private static List<Integer> append(List<Integer> path, int tag) {
        return Stream.concat(path.stream(), Stream.of(tag)).toList();
    }
}
