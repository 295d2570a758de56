package io.vigie.dicom;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * The frames of an instance whose Pixel Data is native (not encapsulated): each frame is Rows x Columns x
 * SamplesPerPixel values of BitsAllocated bits, little endian, one after the other (PS3.5 8.1.1). Frames of a
 * compressed instance are not cut here: {@link #of} refuses them.
 */
public record PixelFrames(int rows, int columns, int samplesPerPixel, int bitsAllocated, int bitsStored,
        boolean signed, String photometricInterpretation, int numberOfFrames, byte[] pixelData) {

    /** Native little endian syntaxes, whose Pixel Data PixelMed hands out as the frames' bytes. */
    public static final Set<String> NATIVE_SYNTAXES = Set.of(
            "1.2.840.10008.1.2", "1.2.840.10008.1.2.1", "1.2.840.10008.1.2.1.99");

    /** The instance's frames, or empty when it has no Pixel Data or it is not in a native little endian syntax. */
    public static Optional<PixelFrames> of(DicomInstance instance) throws MalformedDicomException {
        if (!NATIVE_SYNTAXES.contains(instance.transferSyntaxUid())) {
            return Optional.empty();
        }
        byte[] pixels = instance.bytes("PixelData");
        Integer rows = instance.integer("Rows");
        Integer columns = instance.integer("Columns");
        Integer bitsAllocated = instance.integer("BitsAllocated");
        if (pixels == null || rows == null || columns == null || bitsAllocated == null) {
            return Optional.empty();
        }
        Integer samples = instance.integer("SamplesPerPixel");
        Integer bitsStored = instance.integer("BitsStored");
        Integer frames = instance.integer("NumberOfFrames");
        return Optional.of(new PixelFrames(rows, columns, samples == null ? 1 : samples, bitsAllocated,
                bitsStored == null ? bitsAllocated : bitsStored, "1".equals(instance.string("PixelRepresentation")),
                instance.string("PhotometricInterpretation"), frames == null || frames < 1 ? 1 : frames, pixels));
    }

    /** Bytes per frame; 1-bit frames are rounded up to whole bytes (only the last frame may then be short). */
    public int frameLength() {
        long bits = (long) rows * columns * samplesPerPixel * bitsAllocated;
        return Math.toIntExact((bits + 7) / 8);
    }

    /** Frame {@code number}, counted from 1 as in WADO-RS; empty when the instance has fewer frames. */
    public Optional<byte[]> frame(int number) {
        if (number < 1 || number > numberOfFrames) {
            return Optional.empty();
        }
        long start = (long) (number - 1) * frameLength();
        long end = start + frameLength();
        if (end > pixelData.length) {
            return Optional.empty();
        }
        return Optional.of(Arrays.copyOfRange(pixelData, (int) start, (int) end));
    }
}
