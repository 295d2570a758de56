package io.vigie.inference.worker;

import io.vigie.dicom.DicomInstance;
import io.vigie.inference.findings.ModelVersion;
import io.vigie.inference.volume.CtVolume;
import java.util.List;

/**
 * What the SR and SEG are made from.
 *
 * @param sources the analysed series' instances, as archived (de-identified)
 * @param volume  the volume the model saw (geometry for the SEG, slice UIDs by z)
 * @param model   the model that found them
 * @param lesions what it found, most probable first
 * @param uidSeed the analysis' identity (series, revision, model version): the writer derives every UID it makes
 *                (series, instances, tracking UIDs) from it, never at random, so that a retried job makes the same
 *                objects under the same UIDs ({@link DeterministicUids})
 */
public record DerivedObjectRequest(
        List<DicomInstance> sources,
        CtVolume volume,
        ModelVersion model,
        List<DetectedLesion> lesions,
        String uidSeed) {

    public DerivedObjectRequest {
        sources = List.copyOf(sources);
        lesions = List.copyOf(lesions);
    }
}
