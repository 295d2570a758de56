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
 * BitsStored when PixelRepresentation is 1, unused high bits masked off otherwise; or, with a linear rescale whose
 * slope and intercept the caller reads and checks, the frame's Modality values ({@link #modalityValues}).
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
        Layout layout = Layout.of(instance);
        int count = layout.count();
        int[] target = reuse != null && reuse.length == count ? reuse : new int[count];
        Optional<ByteBuffer> kept = instance.keptNativePixelData();
        if (kept.isPresent()) {
            return signed(nativeFrame(kept.get(), frame, count, layout.bitsAllocated(), target), layout);
        }
        Attribute pixelData = instance.attributeList().get(DicomInstance.tag("PixelData"));
        if (pixelData == null) {
            throw new UndecodablePixelDataException("no Pixel Data", null);
        }
        int[] values = pixelData instanceof ByteFrameSource compressed
                ? decode(instance.transferSyntaxUid(), compressed, frame, layout.rows(), layout.columns(),
                        layout.bitsAllocated(), target)
                : nativeFrame(pixelData, frame, count, layout.bitsAllocated(), target);
        return signed(values, layout);
    }

    /**
     * The frame's Modality values through a linear rescale (PS3.3 C.11.1.1.2): each stored value times {@code slope}
     * plus {@code intercept}, as floats, written into {@code target} from {@code offset}. They are the floats that
     * {@link #frame} followed by {@code (float) (stored * slope + intercept)} gives; for the usual CT rescale (slope
     * 1, a whole intercept such as -1024) the sum is taken in integers, which gives the same floats.
     *
     * <p>Why here: 16-bit native Pixel Data kept as read, with that usual rescale, is converted in one pass over a bulk
     * copy of its words, which took about two thirds of the time of decoding the values and rescaling them in passes
     * of their own (a scratch benchmark on 300 slices of 512x512; docs/benchmarks.md, Detection). Everything else
     * takes the two passes.
     *
     * @param buffers the calling thread's, reused frame after frame
     */
    public static void modalityValues(DicomInstance instance, int frame, double slope, double intercept, float[] target,
            int offset, Buffers buffers) throws UndecodablePixelDataException {
        Layout layout = Layout.of(instance);
        int count = layout.count();
        boolean wholeSum = slope == 1 && intercept == Math.rint(intercept) && Math.abs(intercept) < 1 << 20;
        Optional<ByteBuffer> kept = instance.keptNativePixelData();
        if (wholeSum && layout.bitsAllocated() == 16 && kept.isPresent()) {
            short[] words = buffers.words(count);
            ByteBuffer pixelData = kept.get();
            checkLength(pixelData.remaining() / 2, (long) (frame + 1) * count);
            pixelData.duplicate().order(pixelData.order()).position(frame * count * 2).asShortBuffer()
                    .get(words, 0, count);
            int whole = (int) intercept;
            int bitsStored = layout.bitsStored();
            if (layout.signed() && bitsStored == 16) {
                // A short is already its 16 stored bits sign-extended, which is what signed() makes of them. The
                // shifts of the general case below would change nothing; without them the JIT's loop takes half
                // the time on Java 17 (53 against 30 ms for 300 slices, scratch benchmark).
                for (int i = 0; i < count; i++) {
                    target[offset + i] = words[i] + whole;
                }
            } else if (layout.signed()) {
                // As signed() does: the stored bits shifted to the top and back (a short's sign extension is lost
                // in the shift left, whatever BitsStored, as it is at most 16).
                int shift = 32 - bitsStored;
                for (int i = 0; i < count; i++) {
                    target[offset + i] = ((words[i] << shift) >> shift) + whole;
                }
            } else {
                int mask = (int) ((1L << bitsStored) - 1);
                for (int i = 0; i < count; i++) {
                    target[offset + i] = (words[i] & mask) + whole;
                }
            }
            return;
        }
        int[] stored = frame(instance, frame, buffers.values(count));
        if (wholeSum) {
            int whole = (int) intercept;
            for (int i = 0; i < count; i++) {
                target[offset + i] = stored[i] + whole;
            }
        } else {
            for (int i = 0; i < count; i++) {
                target[offset + i] = (float) (stored[i] * slope + intercept);
            }
        }
    }

    /** One thread's buffers for {@link #modalityValues}, grown as needed and reused frame after frame. */
    public static final class Buffers {
        private int[] values = new int[0];
        private short[] words = new short[0];

        /** Exactly {@code count} long: {@link #frame} reuses a buffer only of the frame's size. */
        int[] values(int count) {
            if (values.length != count) {
                values = new int[count];
            }
            return values;
        }

        short[] words(int count) {
            if (words.length < count) {
                words = new short[count];
            }
            return words;
        }
    }

    /** The image pixel attributes a frame's values depend on, read and checked once. */
    private record Layout(int rows, int columns, int bitsAllocated, int bitsStored, boolean signed) {

        static Layout of(DicomInstance instance) throws UndecodablePixelDataException {
            int rows = required(instance, "Rows");
            int columns = required(instance, "Columns");
            int bitsAllocated = required(instance, "BitsAllocated");
            Integer samples = instance.integer("SamplesPerPixel");
            if (samples != null && samples != 1) {
                throw new UndecodablePixelDataException(samples
                        + " samples per pixel: only grey scale images are read", null);
            }
            if (bitsAllocated != 8 && bitsAllocated != 16) {
                throw new UndecodablePixelDataException(bitsAllocated + " bits allocated: only 8 and 16 are read",
                        null);
            }
            Integer bitsStoredValue = instance.integer("BitsStored");
            int bitsStored = bitsStoredValue == null ? bitsAllocated : bitsStoredValue;
            if (bitsStored < 1 || bitsStored > bitsAllocated) {
                throw new UndecodablePixelDataException("BitsStored " + bitsStored + " with BitsAllocated "
                        + bitsAllocated, null);
            }
            boolean signed = Integer.valueOf(1).equals(instance.integer("PixelRepresentation"));
            return new Layout(rows, columns, bitsAllocated, bitsStored, signed);
        }

        int count() {
            return rows * columns;
        }
    }

    /**
     * Unused high bits masked off, then sign-extended from BitsStored when the values are signed: shifting the stored
     * bits to the top and back does both at once (the loops stay simple enough for the JIT to vectorise them).
     */
    private static int[] signed(int[] values, Layout layout) {
        int bitsStored = layout.bitsStored();
        if (layout.signed()) {
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
