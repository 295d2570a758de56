package io.vigie.anonymizer;

import io.vigie.dicom.DicomInstance;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether an instance may carry text burned into its pixels (PS3.15 E.3.1), which no attribute rewriting
 * removes: then a clean-pixel rule for its device must apply, or the instance is quarantined.
 */
final class BurnedInText {

    /** Modalities whose images routinely carry burned-in patient text: ultrasound, screen captures, endoscopy. */
    private static final Set<String> AT_RISK_MODALITIES = Set.of("US", "IVUS", "ES", "XC", "GM", "SM", "OT", "DOC");

    /** SOP classes that are screenshots or device captures whatever the modality says. */
    private static final List<String> AT_RISK_SOP_CLASS_PREFIXES = List.of(
            "1.2.840.10008.5.1.4.1.1.7",       // Secondary Capture and its multi-frame variants
            "1.2.840.10008.5.1.4.1.1.6.",      // Ultrasound Image (and retired)
            "1.2.840.10008.5.1.4.1.1.3.",      // Ultrasound Multi-frame Image (and retired)
            "1.2.840.10008.5.1.4.1.1.77.1.",   // VL images (endoscopy, microscopy, photography)
            "1.2.840.10008.5.1.4.1.1.104.");   // Encapsulated documents (PDF, CDA, ...)

    private final List<CleanPixelRule> rules;

    BurnedInText(List<CleanPixelRule> rules) {
        this.rules = rules;
    }

    /**
     * The rule to apply, empty when the instance carries no burned-in text risk.
     *
     * @throws QuarantineException when it may carry burned-in text and no rule covers its device and size
     */
    Optional<CleanPixelRule> ruleFor(DicomInstance instance) throws QuarantineException {
        String risk = risk(instance);
        if (risk == null) {
            return Optional.empty();
        }
        String manufacturer = instance.string("Manufacturer");
        String model = instance.string("ManufacturerModelName");
        Integer rows = instance.integer("Rows");
        Integer columns = instance.integer("Columns");
        if (rows != null && columns != null) {
            for (CleanPixelRule rule : rules) {
                if (rule.matches(manufacturer, model, rows, columns)) {
                    return Optional.of(rule);
                }
            }
        }
        throw new QuarantineException("burned-in text possible (" + risk + ") and no clean-pixel rule for "
                + "manufacturer '" + manufacturer + "', model '" + model + "', " + columns + "x" + rows);
    }

    private static String risk(DicomInstance instance) {
        if (instance.string("BurnedInAnnotation").equalsIgnoreCase("YES")) {
            return "BurnedInAnnotation is YES";
        }
        String modality = instance.string("Modality");
        if (AT_RISK_MODALITIES.contains(modality)) {
            return "modality " + modality;
        }
        String sopClass = instance.string("SOPClassUID");
        for (String prefix : AT_RISK_SOP_CLASS_PREFIXES) {
            if (sopClass.startsWith(prefix)) {
                return "SOP class " + sopClass;
            }
        }
        return null;
    }
}
