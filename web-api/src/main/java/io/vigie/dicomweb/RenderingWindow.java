package io.vigie.dicomweb;

import io.vigie.dicom.DicomInstance;
import java.util.Optional;

/**
 * The VOI window a frame is rendered with (PS3.3 C.11.2.1.2, linear): the {@code window=center,width,linear} query
 * parameter (PS3.18 8.3.5.1.4) if given, else the instance's first WindowCenter / WindowWidth, else none (the
 * renderer then spreads the frame's own minimum to maximum).
 */
record RenderingWindow(double center, double width) {

    static Optional<RenderingWindow> of(String parameter, DicomInstance instance) {
        if (parameter != null) {
            String[] parts = parameter.split(",");
            if (parts.length < 2 || parts.length > 3) {
                throw new InvalidQueryException("window must be center,width[,function]: " + parameter);
            }
            if (parts.length == 3 && !parts[2].strip().equalsIgnoreCase("linear")) {
                throw new InvalidQueryException("window function " + parts[2].strip() + " is not supported (linear)");
            }
            double center = number(parts[0]);
            double width = number(parts[1]);
            if (width < 1) {
                throw new InvalidQueryException("window width must be at least 1: " + parameter);
            }
            return Optional.of(new RenderingWindow(center, width));
        }
        try {
            String center = first(instance, "WindowCenter");
            String width = first(instance, "WindowWidth");
            if (center != null && width != null && Double.parseDouble(width) >= 1) {
                return Optional.of(new RenderingWindow(Double.parseDouble(center), Double.parseDouble(width)));
            }
        } catch (NumberFormatException e) {
            // A malformed window in the file: fall back to the frame's range rather than fail the request.
        }
        return Optional.empty();
    }

    /** The output level 0..255 of a modality value (PS3.3 C.11.2.1.2.1). */
    int level(double value) {
        double low = center - 0.5 - (width - 1) / 2;
        double high = center - 0.5 + (width - 1) / 2;
        if (value <= low) {
            return 0;
        }
        if (value > high) {
            return 255;
        }
        return (int) Math.round(((value - (center - 0.5)) / (width - 1) + 0.5) * 255);
    }

    private static String first(DicomInstance instance, String keyword) {
        return instance.strings(keyword).stream().filter(v -> !v.isEmpty()).findFirst().orElse(null);
    }

    private static double number(String value) {
        try {
            return Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidQueryException("window: not a number: " + value);
        }
    }
}
