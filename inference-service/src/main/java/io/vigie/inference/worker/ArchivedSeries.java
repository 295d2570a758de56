package io.vigie.inference.worker;

import io.vigie.archive.Archive;
import io.vigie.archive.StoredInstance;
import io.vigie.dicom.DicomInstance;
import io.vigie.dicom.MalformedDicomException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a series' instances back from the archive (index, then each file from the file store). A file that cannot
 * be read is a failure, retried (the store may be back later); a file that reads but does not parse is a property
 * of the series, which is then not analysable.
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
        List<DicomInstance> instances = new ArrayList<>(stored.size());
        for (StoredInstance instance : stored) {
            try (InputStream in = archive.open(instance)) {
                instances.add(DicomInstance.readPart10(in));
            } catch (MalformedDicomException e) {
                return new Unreadable("instance " + instance.sopInstanceUid() + " does not parse: " + e.getMessage());
            }
        }
        return new Instances(instances);
    }
}
