package io.vigie.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.ByteFrameSource;
import com.pixelmed.dicom.CompressedFrameDecoder;
import com.pixelmed.dicom.DicomException;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;

/**
 * The stored values of one frame of a single-sample (grey scale) image, as plain integers: sign-extended from
 * BitsStored when PixelRepresentation is 1, unused high bits masked off otherwise. Modality LUT (rescale) is the
 * caller's business.
 *
 * <p>Native Pixel Data (any uncompressed syntax, deflated included: PixelMed inflates the whole data set on read) is
 * read as it is. Encapsulated Pixel Data is decoded here, on demand, with PixelMed's {@code CompressedFrameDecoder}:
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
        Attribute pixelData = instance.attributeList().get(DicomInstance.tag("PixelData"));
        if (pixelData == null) {
            throw new UndecodablePixelDataException("no Pixel Data", null);
        }
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
        int[] values = pixelData instanceof ByteFrameSource compressed
                ? decode(instance.transferSyntaxUid(), compressed, frame, rows, columns, bitsAllocated)
                : nativeFrame(pixelData, frame, count, bitsAllocated);
        int mask = (1 << bitsStored) - 1;
        int signBit = 1 << (bitsStored - 1);
        for (int i = 0; i < count; i++) {
            int value = values[i] & mask;
            values[i] = signed && (value & signBit) != 0 ? value - (1 << bitsStored) : value;
        }
        return values;
    }

    private static int[] nativeFrame(Attribute pixelData, int frame, int count, int bitsAllocated)
            throws UndecodablePixelDataException {
        int[] values = new int[count];
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
            int bitsAllocated) throws UndecodablePixelDataException {
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
        return raster.getSamples(0, 0, columns, rows, 0, new int[rows * columns]);
    }

    private static int required(DicomInstance instance, String keyword) throws UndecodablePixelDataException {
        Integer value = instance.integer(keyword);
        if (value == null || value < 1) {
            throw new UndecodablePixelDataException(keyword + " missing or not positive", null);
        }
        return value;
    }
}
