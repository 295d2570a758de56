package io.vigie.inference.findings;

import java.util.Objects;

/**
 * Which model made an analysis: its name and version, as {@code vigie.inference.model} names it
 * ({@code name:version}). An analysis is unique per series and model version, so a new version analyses again.
 */
public record ModelVersion(String name, String version) {

    public ModelVersion {
        requireText(name, "model name");
        requireText(version, "model version");
    }

    /** {@code name:version}, e.g. {@code lung-nodule:1}. */
    public static ModelVersion parse(String nameColonVersion) {
        Objects.requireNonNull(nameColonVersion, "model");
        int colon = nameColonVersion.lastIndexOf(':');
        if (colon <= 0 || colon == nameColonVersion.length() - 1) {
            throw new IllegalArgumentException("a model is named name:version, e.g. lung-nodule:1, not '"
                    + nameColonVersion + "'");
        }
        return new ModelVersion(nameColonVersion.substring(0, colon).strip(),
                nameColonVersion.substring(colon + 1).strip());
    }

    @Override
    public String toString() {
        return name + ":" + version;
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is empty");
        }
    }
}
