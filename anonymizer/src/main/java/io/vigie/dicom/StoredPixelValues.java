package io.vigie.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.ByteFrameSource;
import com.pixelmed.dicom.CompressedFrameDecoder;
import com.pixelmed.dicom.DicomException;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The stored values of one frame of a single-sample (grey scale) image, as plain integers: sign-extended from
 * BitsStored when PixelRepresentation is 1, unused high bits masked off otherwise. Modality LUT (rescale) is the
 * caller's business.
 *
 * <p>Native Pixel Data (any uncompressed syntax, deflated included: PixelMed inflates the whole data set on read) is
 * read as it is: straight from the element's bytes while the instance keeps them as read ({@link
 * DicomInstance#readPart10}, {@link DicomInstance#readDataSet}), without parsing them. Encapsulated Pixel Data is decoded here, on demand, with PixelMed's {@code CompressedFrameDecoder}:
 * RLE by PixelMed itself, the JPEG family and JPEG 2000 by whichever ImageIO readers are on the class path (Vigie's
 * inference service puts TwelveMonkeys' JPEG reader, which also reads lossless JPEG, and jai-imageio's JPEG 2000
 * reader there). What no reader handles (JPEG-LS, for one) is an {@link UndecodablePixelDataException}.
 */
public final class StoredPixelValues {

    private StoredPixelValues() {
    }

    /**
     * @param frame counted from 0
     * @return Rows x Columns values, row by row
     */
    public static int[] frame(DicomInstance instance, int frame) throws UndecodablePixelDataException {
        return frame(instance, frame, null);
    }

    /**
     * The same, into {@code reuse} when it has Rows x Columns values (a caller decoding slice after slice keeps one
     * buffer per thread rather than allocating a megabyte a slice), else into a new array.
     *
     * @return the values: {@code reuse} or the new array
     */
    public static int[] frame(DicomInstance instance, int frame, int[] reuse) throws UndecodablePixelDataException {
        int rows = required(instance, "Rows");
        int columns = required(instance, "Columns");
        int bitsAllocated = required(instance, "BitsAllocated");
        Integer samples = instance.integer("SamplesPerPixel");
        if (samples != null && samples != 1) {
            throw new UndecodablePixelDataException(samples + " samples per pixel: only grey scale images are read",
                    null);
        }
        if (bitsAllocated != 8 && bitsAllocated != 16) {
            throw new UndecodablePixelDataException(bitsAllocated + " bits allocated: only 8 and 16 are read", null);
        }
        Integer bitsStoredValue = instance.integer("BitsStored");
        int bitsStored = bitsStoredValue == null ? bitsAllocated : bitsStoredValue;
        if (bitsStored < 1 || bitsStored > bitsAllocated) {
            throw new UndecodablePixelDataException("BitsStored " + bitsStored + " with BitsAllocated "
                    + bitsAllocated, null);
        }
        boolean signed = Integer.valueOf(1).equals(instance.integer("PixelRepresentation"));
        int count = rows * columns;
        int[] target = reuse != null && reuse.length == count ? reuse : new int[count];
        Optional<ByteBuffer> kept = instance.keptNativePixelData();
        if (kept.isPresent()) {
            return signed(nativeFrame(kept.get(), frame, count, bitsAllocated, target), bitsStored, signed);
        }
        Attribute pixelData = instance.attributeList().get(DicomInstance.tag("PixelData"));
        if (pixelData == null) {
            throw new UndecodablePixelDataException("no Pixel Data", null);
        }
        int[] values = pixelData instanceof ByteFrameSource compressed
                ? decode(instance.transferSyntaxUid(), compressed, frame, rows, columns, bitsAllocated, target)
                : nativeFrame(pixelData, frame, count, bitsAllocated, target);
        return signed(values, bitsStored, signed);
    }

    /**
     * Unused high bits masked off, then sign-extended from BitsStored when the values are signed: shifting the stored
     * bits to the top and back does both at once (the loops stay simple enough for the JIT to vectorise them).
     */
    private static int[] signed(int[] values, int bitsStored, boolean signed) {
        if (signed) {
            int shift = 32 - bitsStored;
            for (int i = 0; i < values.length; i++) {
                values[i] = (values[i] << shift) >> shift;
            }
        } else {
            int mask = (int) ((1L << bitsStored) - 1);
            for (int i = 0; i < values.length; i++) {
                values[i] &= mask;
            }
        }
        return values;
    }

    /** A native frame from the Pixel Data value's own bytes (little endian), as PixelMed would have read them. */
    private static int[] nativeFrame(ByteBuffer pixelData, int frame, int count, int bitsAllocated, int[] values)
            throws UndecodablePixelDataException {
        int bytesPerValue = bitsAllocated / 8;
        long start = (long) frame * count * bytesPerValue;
        checkLength(pixelData.remaining() / bytesPerValue, (long) (frame + 1) * count);
        int first = (int) start;
        if (bitsAllocated == 16) {
            for (int i = 0; i < count; i++) {
                values[i] = pixelData.getShort(first + 2 * i) & 0xFFFF;
            }
        } else {
            for (int i = 0; i < count; i++) {
                values[i] = pixelData.get(first + i) & 0xFF;
            }
        }
        return values;
    }

    private static int[] nativeFrame(Attribute pixelData, int frame, int count, int bitsAllocated, int[] values)
            throws UndecodablePixelDataException {
        long start = (long) frame * count;
        try {
            if (bitsAllocated == 16) {
                short[] words = pixelData.getShortValues();
                checkLength(words == null ? 0 : words.length, start + count);
                for (int i = 0; i < count; i++) {
                    values[i] = words[(int) start + i] & 0xFFFF;
                }
            } else {
                byte[] bytes = pixelData.getByteValues();
                checkLength(bytes == null ? 0 : bytes.length, start + count);
                for (int i = 0; i < count; i++) {
                    values[i] = bytes[(int) start + i] & 0xFF;
                }
            }
        } catch (DicomException e) {
            throw new UndecodablePixelDataException("unreadable Pixel Data: " + e.getMessage(), e);
        }
        return values;
    }

    private static void checkLength(long have, long need) throws UndecodablePixelDataException {
        if (have < need) {
            throw new UndecodablePixelDataException("Pixel Data has " + have + " values, the frame needs " + need,
                    null);
        }
    }

    private static int[] decode(String transferSyntax, ByteFrameSource frames, int frame, int rows, int columns,
            int bitsAllocated, int[] target) throws UndecodablePixelDataException {
        BufferedImage image;
        try {
            CompressedFrameDecoder decoder = new CompressedFrameDecoder(transferSyntax, frames, bitsAllocated / 8,
                    columns, rows, 1, null);
            image = decoder.getDecompressedFrameAsBufferedImage(frame);
        } catch (DicomException | IOException | RuntimeException e) {
            throw new UndecodablePixelDataException("cannot decode transfer syntax " + transferSyntax + ": "
                    + e.getMessage(), e);
        }
        if (image == null) {
            throw new UndecodablePixelDataException("no decoder for transfer syntax " + transferSyntax, null);
        }
        Raster raster = image.getRaster();
        if (raster.getWidth() != columns || raster.getHeight() != rows || raster.getNumBands() != 1) {
            throw new UndecodablePixelDataException("decoded frame is " + raster.getWidth() + "x"
                    + raster.getHeight() + "x" + raster.getNumBands() + ", the header says " + columns + "x" + rows
                    + "x1", null);
        }
        return raster.getSamples(0, 0, columns, rows, 0, target);
    }

    private static int required(DicomInstance instance, String keyword) throws UndecodablePixelDataException {
        Integer value = instance.integer(keyword);
        if (value == null || value < 1) {
            throw new UndecodablePixelDataException(keyword + " missing or not positive", null);
        }
        return value;
    }
}
