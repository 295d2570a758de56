package io.vigie.inference.volume;

import io.vigie.dicom.DicomInstance;
import io.vigie.dicom.MalformedDicomException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses a series' Part 10 files, several at once on {@link VolumeWorkers}' pool: one after the other, the 300 files
 * of a CT series took 0.08 to 0.36 s to parse here, as long as the detector's lung mask and candidate search
 * together (docs/benchmarks.md, Detection).
 *
 * <p>The outcome is the one reading them in order would give: the instances in the order of the files, or the
 * failure of the first file (in that order) that could not be opened or does not parse.
 */
public final class SeriesParser {

    /**
     * File {@code index} of the series, whole and read-only: in the worker a mapped file ({@code Archive.readWhole}),
     * whose header alone is copied into the heap when parsed.
     */
    @FunctionalInterface
    public interface Files {
        ByteBuffer read(int index) throws IOException;
    }

    /** The first file, in series order, that opened but does not parse. */
    public static final class UnparsableFile extends Exception {
        private final int index;

        UnparsableFile(int index, MalformedDicomException cause) {
            super(cause.getMessage(), cause);
            this.index = index;
        }

        /** Its place in the series. */
        public int index() {
            return index;
        }
    }

    private SeriesParser() {
    }

    /**
     * The {@code count} files' instances, in order.
     *
     * @throws IOException    the first file (in order) that could not be opened, as {@code files} threw it
     * @throws UnparsableFile the first file (in order) that does not parse, should no earlier one fail to open
     */
    public static List<DicomInstance> parse(int count, Files files) throws IOException, UnparsableFile {
        Object[] outcomes = new Object[count]; // each task writes its own slot: an instance or what it threw
        VolumeWorkers.forEach(count, i -> outcomes[i] = parseOne(files, i));
        List<DicomInstance> instances = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            if (outcomes[i] instanceof IOException unreadable) {
                throw unreadable;
            }
            if (outcomes[i] instanceof MalformedDicomException malformed) {
                throw new UnparsableFile(i, malformed);
            }
            instances.add((DicomInstance) outcomes[i]);
        }
        return instances;
    }

    private static Object parseOne(Files files, int index) {
        try {
            return DicomInstance.readPart10(files.read(index));
        } catch (IOException | MalformedDicomException e) {
            return e;
        }
    }
}
