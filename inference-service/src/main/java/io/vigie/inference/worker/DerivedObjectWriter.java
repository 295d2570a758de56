package io.vigie.inference.worker;

/**
 * Builds the DICOM objects an analysis is reported in: a Comprehensive 3D SR (TID 1500 measurement report, one
 * measurement group per finding under its tracking identifiers) and, when there are findings, a Segmentation. They
 * are made from the archived, already de-identified, instances and keep their patient, study and frame of reference;
 * they carry the UIDs the worker chose ({@link DerivedObjectRequest#uids()}), so that a retried job makes the same
 * instances again.
 */
public interface DerivedObjectWriter {

    /**
     * @throws Exception when the objects cannot be built: the job fails and is retried
     */
    DerivedObjects write(DerivedObjectRequest request) throws Exception;
}
