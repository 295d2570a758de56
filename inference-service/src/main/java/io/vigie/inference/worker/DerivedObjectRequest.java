package io.vigie.inference.worker;

import io.vigie.dicom.DicomInstance;
import io.vigie.inference.findings.ModelVersion;
import io.vigie.inference.findings.TrackedFinding;
import io.vigie.inference.volume.CtVolume;
import java.util.List;

/**
 * What the SR and SEG are made from.
 *
 * @param sources  the analysed series' instances, as archived (de-identified)
 * @param volume   the volume the model saw (geometry for the SEG, slice UIDs by z)
 * @param model    the model that found them
 * @param findings the findings with their tracking UIDs and identifiers, most probable first
 * @param uids     the series and SOP Instance UIDs the objects must carry
 */
public record DerivedObjectRequest(
        List<DicomInstance> sources,
        CtVolume volume,
        ModelVersion model,
        List<TrackedFinding> findings,
        DerivedUids uids) {

    public DerivedObjectRequest {
        sources = List.copyOf(sources);
        findings = List.copyOf(findings);
    }
}
