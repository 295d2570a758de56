package io.vigie.inference.registry;

import java.util.Optional;

/**
 * Which model runs: a name and, optionally, a version (without one, the registry's highest version of that name).
 * Written {@code name:version} in configuration ({@code vigie.inference.model=lung-nodule:1}).
 */
public record ModelSelection(String name, Optional<String> version) {

    public ModelSelection {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a model selection needs a name (name or name:version)");
        }
        version = version.filter(v -> !v.isBlank());
    }

    public static ModelSelection of(String name, String version) {
        return new ModelSelection(name, Optional.ofNullable(version));
    }

    /** Parses {@code name} or {@code name:version}. */
    public static ModelSelection parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("a model selection needs a name (name or name:version)");
        }
        int colon = text.indexOf(':');
        return colon < 0 ? new ModelSelection(text.trim(), Optional.empty())
                : new ModelSelection(text.substring(0, colon).trim(), Optional.of(text.substring(colon + 1).trim()));
    }

    @Override
    public String toString() {
        return version.map(v -> name + ":" + v).orElse(name);
    }
}
