package io.vigie.inference.output;

import io.vigie.dicom.DataSetBuilder;

/** A coded concept (PS3.3 Table 8.8-1): value, coding scheme designator, meaning. */
public record Code(String value, String scheme, String meaning) {

    // Report structure (PS3.16 TID 1500, 1501, 1204, 1001, 4019; DCM is DICOM's own scheme).
    static final Code IMAGING_MEASUREMENT_REPORT = new Code("126000", "DCM", "Imaging Measurement Report");
    static final Code LANGUAGE = new Code("121049", "DCM", "Language of Content Item and Descendants");
    static final Code ENGLISH_US = new Code("en-US", "RFC5646", "English (United States)");
    static final Code OBSERVER_TYPE = new Code("121005", "DCM", "Observer Type");
    static final Code DEVICE = new Code("121007", "DCM", "Device");
    static final Code DEVICE_OBSERVER_UID = new Code("121012", "DCM", "Device Observer UID");
    static final Code DEVICE_OBSERVER_NAME = new Code("121013", "DCM", "Device Observer Name");
    static final Code DEVICE_OBSERVER_MANUFACTURER = new Code("121014", "DCM", "Device Observer Manufacturer");
    static final Code DEVICE_OBSERVER_MODEL_NAME = new Code("121015", "DCM", "Device Observer Model Name");
    static final Code PROCEDURE_REPORTED = new Code("121058", "DCM", "Procedure reported");
    /** CID 100: the report does not restrict itself to the chest by its procedure code. */
    static final Code CT_UNSPECIFIED_BODY_REGION = new Code("25045-6", "LN", "CT unspecified body region");
    static final Code IMAGE_LIBRARY = new Code("111028", "DCM", "Image Library");
    static final Code IMAGE_LIBRARY_GROUP = new Code("126200", "DCM", "Image Library Group");
    static final Code IMAGING_MEASUREMENTS = new Code("126010", "DCM", "Imaging Measurements");
    static final Code MEASUREMENT_GROUP = new Code("125007", "DCM", "Measurement Group");
    static final Code TRACKING_IDENTIFIER = new Code("112039", "DCM", "Tracking Identifier");
    static final Code TRACKING_UNIQUE_IDENTIFIER = new Code("112040", "DCM", "Tracking Unique Identifier");
    static final Code FINDING = new Code("121071", "DCM", "Finding");
    static final Code ALGORITHM_NAME = new Code("111001", "DCM", "Algorithm Name");
    static final Code ALGORITHM_VERSION = new Code("111003", "DCM", "Algorithm Version");
    static final Code FINDING_SITE = new Code("363698007", "SCT", "Finding Site");
    static final Code CENTER = new Code("111010", "DCM", "Center");
    static final Code REFERENCED_SEGMENT = new Code("121191", "DCM", "Referenced Segment");

    // What was found and where (SNOMED CT).
    static final Code NODULE = new Code("27925004", "SCT", "Nodule");
    static final Code LUNG = new Code("39607008", "SCT", "Lung");
    static final Code MORPHOLOGICALLY_ABNORMAL_STRUCTURE =
            new Code("49755003", "SCT", "Morphologically Abnormal Structure");

    // Measurements and their units (UCUM).
    static final Code DIAMETER = new Code("81827009", "SCT", "Diameter");
    static final Code VOLUME = new Code("118565006", "SCT", "Volume");
    /** CID 6048's likelihood of a CAD finding: the model's probability, in percent. */
    static final Code CERTAINTY_OF_FINDING = new Code("111012", "DCM", "Certainty of Finding");
    static final Code MILLIMETRE = new Code("mm", "UCUM", "millimeter");
    static final Code CUBIC_MILLIMETRE = new Code("mm3", "UCUM", "cubic millimeter");
    static final Code PERCENT = new Code("%", "UCUM", "Percent");

    // Segmentation derivation (PS3.16 CID 7202, CID 7203).
    static final Code SOURCE_IMAGE_FOR_PROCESSING = new Code("121322", "DCM",
            "Source image for image processing operation");
    static final Code SEGMENTATION = new Code("113076", "DCM", "Segmentation");

    /** The code as a sequence item (Concept Name Code Sequence, Concept Code Sequence, ...). */
    DataSetBuilder item() {
        return new DataSetBuilder()
                .set("CodeValue", value)
                .set("CodingSchemeDesignator", scheme)
                .set("CodeMeaning", meaning);
    }
}
