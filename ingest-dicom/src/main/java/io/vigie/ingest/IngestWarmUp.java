package io.vigie.ingest;

import io.vigie.dicom.DataSetBuilder;
import io.vigie.dicom.MalformedDicomException;
import java.time.Duration;

/**
 * Runs synthetic CT slices through the store path's computations ({@link StorePipeline#rehearse}) before the
 * gateway listens, so that the just-in-time compiler has compiled them when the first association arrives. Why: a
 * gateway just started stored about 105 instances/s on one association where the same server, once it had stored
 * 300 instances, stored about 150 (docs/benchmarks.md); waiting 30 s after start-up instead gained under 5 %, so it
 * is these methods' own compilation that the first instances waited for, not start-up's queue. SHA-256 among them:
 * until C2 compiles it with the processor's SHA instructions it runs a hundred times slower, and it once took half
 * of a fresh gateway's processor time (docs/benchmarks.md). Nothing is written: no quarantine, vault, archive or
 * metrics entry.
 */
public final class IngestWarmUp {

    /** The calling AE title the rehearsed instances claim; never seen by the archive. */
    private static final String SENDER = "VIGIE-WARM-UP";

    private static final String CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2";
    private static final String UID_ROOT = "2.25.1866030913290744126.";
    private static final int SIDE = 512;

    private IngestWarmUp() {
    }

    /**
     * Rehearses {@code instances} slices for the pipeline's default site.
     *
     * @return how long it took
     */
    public static Duration run(StorePipeline pipeline, int instances) {
        long start = System.nanoTime();
        ReceivedInstance slice = syntheticSlice(pipeline.defaultSite());
        for (int i = 0; i < instances; i++) {
            pipeline.rehearse(slice);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /**
     * One 512 x 512 16-bit CT slice with the header attributes a CT scanner sends (patient, study, series,
     * equipment, geometry, display), as a C-STORE data set in Explicit VR Little Endian, the syntax the gateway
     * prefers.
     */
    static ReceivedInstance syntheticSlice(String site) {
        String sopInstanceUid = UID_ROOT + "3";
        byte[] pixels = new byte[SIDE * SIDE * 2];
        for (int i = 0; i < pixels.length; i += 2) {
            int value = 1024 + (i / 2 * 31 + i / (2 * SIDE) * 17) % 400; // stored values around 0 HU
            pixels[i] = (byte) value;
            pixels[i + 1] = (byte) (value >> 8);
        }
        byte[] file = new DataSetBuilder()
                .set("SpecificCharacterSet", "ISO_IR 100")
                .set("ImageType", "ORIGINAL", "PRIMARY", "AXIAL")
                .set("SOPClassUID", CT_IMAGE_STORAGE)
                .set("SOPInstanceUID", sopInstanceUid)
                .set("StudyDate", "20260101").set("SeriesDate", "20260101").set("ContentDate", "20260101")
                .set("StudyTime", "080000").set("SeriesTime", "080100").set("ContentTime", "080102")
                .set("AccessionNumber", "WARMUP0001")
                .set("Modality", "CT")
                .set("Manufacturer", "Vigie").set("InstitutionName", "Vigie warm-up")
                .set("ReferringPhysicianName", "WARM^UP")
                .set("StudyDescription", "CT CHEST").set("SeriesDescription", "AXIAL 1.25mm")
                .set("ManufacturerModelName", "Synthetic")
                .set("PatientName", "WARM^UP").set("PatientID", "WARMUP0001")
                .set("PatientBirthDate", "19700101").set("PatientSex", "O")
                .set("BodyPartExamined", "CHEST").set("SliceThickness", "1.25").set("KVP", "120")
                .set("ConvolutionKernel", "STANDARD").set("PatientPosition", "HFS")
                .set("StudyInstanceUID", UID_ROOT + "1").set("SeriesInstanceUID", UID_ROOT + "2")
                .set("StudyID", "1").set("SeriesNumber", "1").set("AcquisitionNumber", "1")
                .set("InstanceNumber", "1")
                .set("ImagePositionPatient", "-250", "-250", "-1.25")
                .set("ImageOrientationPatient", "1", "0", "0", "0", "1", "0")
                .set("FrameOfReferenceUID", UID_ROOT + "4").set("SliceLocation", "-1.25")
                .numbers("SamplesPerPixel", 1).set("PhotometricInterpretation", "MONOCHROME2")
                .numbers("Rows", SIDE).numbers("Columns", SIDE)
                .set("PixelSpacing", "0.9765625", "0.9765625")
                .numbers("BitsAllocated", 16).numbers("BitsStored", 12).numbers("HighBit", 11)
                .numbers("PixelRepresentation", 0)
                .set("WindowCenter", "40").set("WindowWidth", "400")
                .set("RescaleIntercept", "-1024").set("RescaleSlope", "1")
                .bytes("PixelData", pixels)
                .build()
                .toPart10(SENDER);
        try {
            return Part10File.unwrap(ReceivedInstance.Source.DIMSE, site, SENDER, file, null);
        } catch (MalformedDicomException e) {
            throw new IllegalStateException("the synthetic slice is not a Part 10 file", e);
        }
    }
}
