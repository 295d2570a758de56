package io.vigie.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The reference data that lives beside the project in {@code ../shared/data} (real LIDC-IDRI chest CT, LUNA16).
 * It is read in place, never copied into the repository.
 */
public final class SharedData {

    private SharedData() {
    }

    /** The shared folder: the {@code vigie.shared.dir} system property (set by the build), else {@code ../shared}. */
    public static Path sharedDir() {
        String configured = System.getProperty("vigie.shared.dir");
        if (configured != null && Files.isDirectory(Path.of(configured))) {
            return Path.of(configured).normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolveSibling("shared");
            if (Files.isDirectory(candidate.resolve("data"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("../shared/data not found beside the project; set -Dvigie.shared.dir");
    }

    /** The CT slices of one LIDC-IDRI case, sorted by file name (lowest slice position first). */
    public static List<Path> lidcSlices(String caseId) {
        Path ct = sharedDir().resolve("data/lidc-idri").resolve(caseId).resolve("ct");
        try (Stream<Path> files = Files.list(ct)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".dcm")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + ct, e);
        }
    }
}
