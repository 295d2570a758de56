package io.vigie.anonymizer;

/**
 * The options of the Basic Application Level Confidentiality Profile (PS3.15 E.3, codes of CID 7050). Each option
 * is one column of Table E.1-1: where that column has an action, it replaces the basic action of the row.
 */
public enum ProfileOption {
    RETAIN_SAFE_PRIVATE("retain_safe_private", "113111", "Retain Safe Private Option"),
    RETAIN_UIDS("retain_uids", "113110", "Retain UIDs Option"),
    RETAIN_DEVICE_IDENTITY("retain_device_identity", "113109", "Retain Device Identity Option"),
    RETAIN_INSTITUTION_IDENTITY("retain_institution_identity", "113112", "Retain Institution Identity Option"),
    RETAIN_PATIENT_CHARACTERISTICS("retain_patient_characteristics", "113108", "Retain Patient Characteristics Option"),
    RETAIN_LONGITUDINAL_FULL_DATES("retain_full_dates", "113106",
            "Retain Longitudinal Temporal Information Full Dates Option"),
    RETAIN_LONGITUDINAL_MODIFIED_DATES("retain_modified_dates", "113107",
            "Retain Longitudinal Temporal Information Modified Dates Option"),
    CLEAN_DESCRIPTORS("clean_descriptors", "113105", "Clean Descriptors Option"),
    CLEAN_STRUCTURED_CONTENT("clean_structured_content", "113104", "Clean Structured Content Option"),
    CLEAN_GRAPHICS("clean_graphics", "113103", "Clean Graphics Option");

    /** Code of the Basic profile itself in CID 7050. */
    public static final String BASIC_PROFILE_CODE = "113100";
    public static final String BASIC_PROFILE_MEANING = "Basic Application Confidentiality Profile";
    /** Code of the Clean Pixel Data option, recorded on the instances a clean-pixel rule was applied to. */
    public static final String CLEAN_PIXEL_DATA_CODE = "113101";
    public static final String CLEAN_PIXEL_DATA_MEANING = "Clean Pixel Data Option";

    private final String column;
    private final String code;
    private final String meaning;

    ProfileOption(String column, String code, String meaning) {
        this.column = column;
        this.code = code;
        this.meaning = meaning;
    }

    /** The column of Table E.1-1 (as in {@code table-e1-1.tsv}) that holds this option's actions. */
    public String column() {
        return column;
    }

    /** The code value in CID 7050 (coding scheme DCM). */
    public String code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }
}
