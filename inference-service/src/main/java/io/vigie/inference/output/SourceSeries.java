package io.vigie.inference.output;

import io.vigie.dicom.DicomInstance;
import io.vigie.inference.volume.CtVolume;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The CT series that findings were detected in, as the output writers need it: the assembled volume (geometry, and
 * the SOP Instance UID of each slice by z), one of its instances as the header (patient, study, frame of reference,
 * the already de-identified values the outputs copy), and the patient position of each slice.
 *
 * @param header         any instance of the series: patient, study, series and frame of reference are copied from it
 * @param volume         the volume the findings' coordinates refer to
 * @param slicePositions ImagePositionPatient of each slice, by z (as the source instances give it, where known)
 */
public record SourceSeries(DicomInstance header, CtVolume volume, List<double[]> slicePositions) {

    public SourceSeries {
        for (String keyword : List.of("SOPClassUID", "StudyInstanceUID", "SeriesInstanceUID",
                "FrameOfReferenceUID")) {
            if (header.string(keyword).isEmpty()) {
                throw new IllegalArgumentException("the source series has no " + keyword
                        + ": outputs cannot be placed in its study and frame of reference");
            }
        }
        if (slicePositions.size() != volume.depth()) {
            throw new IllegalArgumentException(slicePositions.size() + " slice positions for " + volume.depth()
                    + " slices");
        }
        slicePositions = List.copyOf(slicePositions);
    }

    /**
     * The series from the instances the volume was assembled from: the header is the volume's first slice, and each
     * slice's position is its own ImagePositionPatient (exact, even where slices are not evenly spaced).
     *
     * @throws IllegalArgumentException when a slice of the volume is not among the instances
     */
    public static SourceSeries of(CtVolume volume, List<DicomInstance> instances) {
        if (instances.isEmpty()) {
            throw new IllegalArgumentException("no source instances");
        }
        Map<String, DicomInstance> byUid = new HashMap<>();
        instances.forEach(i -> byUid.put(i.string("SOPInstanceUID"), i));
        List<double[]> positions = new ArrayList<>();
        for (String uid : volume.sopInstanceUids()) {
            DicomInstance slice = byUid.get(uid);
            if (slice == null) {
                throw new IllegalArgumentException("slice " + uid + " of the volume is not among the instances");
            }
            positions.add(slice.strings("ImagePositionPatient").stream().mapToDouble(Double::parseDouble)
                    .toArray());
        }
        // The header is a slice of the volume: a localizer travelling with the series is not what was analysed.
        return new SourceSeries(byUid.get(volume.sopInstanceUids().get(0)), volume, positions);
    }

    /**
     * The series from the volume and one header instance: each slice's position is the volume's grid
     * ({@link CtVolume#toPatient} of (0, 0, z)), which is the slices' own position for evenly spaced series.
     */
    public static SourceSeries of(CtVolume volume, DicomInstance header) {
        List<double[]> positions = new ArrayList<>();
        for (int z = 0; z < volume.depth(); z++) {
            positions.add(volume.toPatient(0, 0, z));
        }
        return new SourceSeries(header, volume, positions);
    }

    String sopClassUid() {
        return header.string("SOPClassUID");
    }

    String studyInstanceUid() {
        return header.string("StudyInstanceUID");
    }

    String seriesInstanceUid() {
        return header.string("SeriesInstanceUID");
    }

    String frameOfReferenceUid() {
        return header.string("FrameOfReferenceUID");
    }
}
