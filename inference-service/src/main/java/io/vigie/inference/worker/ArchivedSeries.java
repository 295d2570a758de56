package io.vigie.inference.worker;

import io.vigie.archive.Archive;
import io.vigie.archive.StoredInstance;
import io.vigie.dicom.DicomInstance;
import io.vigie.inference.volume.SeriesParser;
import java.io.IOException;
import java.util.List;

/**
 * Reads a series' instances back from the archive (index, then the files from the file store, whole and mapped where
 * the store is local, parsed several at once by {@link SeriesParser}). A file that cannot be read is a failure,
 * retried (the store may be back later); a file that reads but does not parse is a property of the series, which is
 * then not analysable.
 */
final class ArchivedSeries {

    /** The instances, or why the series cannot be analysed. */
    sealed interface Loaded {
    }

    record Instances(List<DicomInstance> instances) implements Loaded {
    }

    record Unreadable(String reason) implements Loaded {
    }

    private ArchivedSeries() {
    }

    static Loaded load(Archive archive, String studyInstanceUid, String seriesInstanceUid) throws IOException {
        List<StoredInstance> stored = archive.findInstances(studyInstanceUid, seriesInstanceUid, null);
        if (stored.isEmpty()) {
            return new Unreadable("the series has no instances in the archive");
        }
        List<DicomInstance> instances;
        try {
            instances = SeriesParser.parse(stored.size(), i -> archive.readWhole(stored.get(i)));
        } catch (SeriesParser.UnparsableFile e) {
            return new Unreadable("instance " + stored.get(e.index()).sopInstanceUid() + " does not parse: "
                    + e.getMessage());
        }
        return new Instances(instances);
    }
}
