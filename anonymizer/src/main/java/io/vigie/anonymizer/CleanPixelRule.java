package io.vigie.anonymizer;

import java.util.List;
import java.util.Locale;

/**
 * Where one device burns text into its images (PS3.15 E.3.1, Clean Pixel Data): the rectangles to blank in every
 * frame of an image of this manufacturer, model and size. Without a rule that matches, an instance that may carry
 * burned-in text is quarantined, never archived as it is.
 *
 * @param manufacturer the Manufacturer (0008,0070), compared ignoring case
 * @param model        the ManufacturerModelName (0008,1090), compared ignoring case; {@code *} matches any model
 */
public record CleanPixelRule(String manufacturer, String model, int rows, int columns, List<Region> regions) {

    /** A rectangle in pixels, from the top-left corner. */
    public record Region(int x, int y, int width, int height) {
    }

    public CleanPixelRule {
        if (manufacturer == null || manufacturer.isBlank()) {
            throw new IllegalArgumentException("a clean-pixel rule needs a manufacturer");
        }
        model = model == null || model.isBlank() ? "*" : model.trim();
        if (rows <= 0 || columns <= 0) {
            throw new IllegalArgumentException("clean-pixel rule for " + manufacturer + ": rows and columns must be "
                    + "positive");
        }
        if (regions == null || regions.isEmpty()) {
            throw new IllegalArgumentException("clean-pixel rule for " + manufacturer + " " + model
                    + ": no region to blank");
        }
        for (Region r : regions) {
            if (r.x() < 0 || r.y() < 0 || r.width() <= 0 || r.height() <= 0
                    || r.x() + r.width() > columns || r.y() + r.height() > rows) {
                throw new IllegalArgumentException("clean-pixel rule for " + manufacturer + " " + model + ": region "
                        + r + " is not inside the " + columns + "x" + rows + " image");
            }
        }
        regions = List.copyOf(regions);
    }

    boolean matches(String instanceManufacturer, String instanceModel, int instanceRows, int instanceColumns) {
        return instanceRows == rows && instanceColumns == columns
                && manufacturer.trim().toUpperCase(Locale.ROOT).equals(instanceManufacturer.toUpperCase(Locale.ROOT))
                && (model.equals("*") || model.toUpperCase(Locale.ROOT).equals(instanceModel.toUpperCase(Locale.ROOT)));
    }
}
