package io.vigie.anonymizer;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.OtherByteAttribute;
import com.pixelmed.dicom.OtherWordAttribute;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.ValueRepresentation;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Blanks the rectangles of a {@link CleanPixelRule} in every frame of native (uncompressed) pixel data. Compressed
 * pixel data is not decoded here: such an instance is quarantined instead, so that what was received is never
 * silently re-encoded.
 */
final class PixelCleaner {

    private PixelCleaner() {
    }

    static void blank(AttributeList list, CleanPixelRule rule) throws DicomException, QuarantineException {
        Attribute pixelData = list.get(TagFromName.PixelData);
        if (pixelData == null) {
            throw new QuarantineException("clean-pixel rule applies but the instance has no pixel data");
        }
        // Encapsulated pixel data: undefined length, or PixelMed's holder of compressed frames.
        if (pixelData.getVL() == 0xFFFFFFFFL
                || pixelData instanceof com.pixelmed.dicom.OtherByteAttributeMultipleCompressedFrames) {
            throw new QuarantineException("clean-pixel rule applies but the pixel data is compressed");
        }
        int rows = Attribute.getSingleIntegerValueOrDefault(list, TagFromName.Rows, 0);
        int columns = Attribute.getSingleIntegerValueOrDefault(list, TagFromName.Columns, 0);
        int samples = Attribute.getSingleIntegerValueOrDefault(list, TagFromName.SamplesPerPixel, 1);
        int bitsAllocated = Attribute.getSingleIntegerValueOrDefault(list, TagFromName.BitsAllocated, 16);
        boolean planeByPlane = Attribute.getSingleIntegerValueOrDefault(list, TagFromName.PlanarConfiguration, 0) == 1;
        int frames = Math.max(1, Attribute.getSingleIntegerValueOrDefault(list, TagFromName.NumberOfFrames, 1));
        if (bitsAllocated != 8 && bitsAllocated != 16) {
            throw new QuarantineException("clean-pixel rule applies but BitsAllocated is " + bitsAllocated);
        }
        int bytesPerSample = bitsAllocated / 8;
        byte[] pixels = pixelData.getByteValues(false);
        long needed = (long) rows * columns * samples * bytesPerSample * frames;
        if (pixels.length < needed) {
            throw new QuarantineException("clean-pixel rule applies but the pixel data is shorter than "
                    + frames + " frames of " + columns + "x" + rows);
        }
        int frameBytes = rows * columns * samples * bytesPerSample;
        for (int frame = 0; frame < frames; frame++) {
            for (CleanPixelRule.Region region : rule.regions()) {
                for (int y = region.y(); y < region.y() + region.height(); y++) {
                    for (int x = region.x(); x < region.x() + region.width(); x++) {
                        for (int sample = 0; sample < samples; sample++) {
                            int index = planeByPlane
                                    ? (sample * rows * columns + y * columns + x)
                                    : ((y * columns + x) * samples + sample);
                            int offset = frame * frameBytes + index * bytesPerSample;
                            for (int b = 0; b < bytesPerSample; b++) {
                                pixels[offset + b] = 0;
                            }
                        }
                    }
                }
            }
        }
        put(list, pixelData, pixels);
    }

    private static void put(AttributeList list, Attribute original, byte[] pixels) throws DicomException {
        if (ValueRepresentation.isOtherByteVR(original.getVR())) {
            OtherByteAttribute replacement = new OtherByteAttribute(TagFromName.PixelData);
            replacement.setValues(pixels);
            list.put(replacement);
        } else {
            short[] words = new short[pixels.length / 2];
            ByteBuffer.wrap(pixels).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(words);
            OtherWordAttribute replacement = new OtherWordAttribute(TagFromName.PixelData);
            replacement.setValues(words);
            list.put(replacement);
        }
    }
}
