package io.vigie.dicomweb;

import io.vigie.dicom.PixelFrames;
import java.awt.image.BufferedImage;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * Renders one native frame to an 8-bit image (PS3.18 8.3.5.1): monochrome frames through the modality LUT (Rescale
 * Slope / Intercept: CT in Hounsfield units) and a linear VOI window, MONOCHROME1 inverted; 8-bit RGB as is. Other
 * photometric interpretations are refused (406), rather than drawn wrong.
 */
final class FrameRenderer {

    private FrameRenderer() {
    }

    static BufferedImage render(PixelFrames pixels, byte[] frame, double slope, double intercept,
            Optional<RenderingWindow> window) {
        String photometric = pixels.photometricInterpretation();
        if (pixels.samplesPerPixel() == 3 && pixels.bitsAllocated() == 8 && photometric.equals("RGB")) {
            return rgb(pixels, frame);
        }
        if (pixels.samplesPerPixel() != 1 || !photometric.startsWith("MONOCHROME")
                || (pixels.bitsAllocated() != 8 && pixels.bitsAllocated() != 16)) {
            throw new ResponseStatusException(HttpStatus.NOT_ACCEPTABLE, "cannot render " + photometric + " with "
                    + pixels.samplesPerPixel() + " sample(s) of " + pixels.bitsAllocated() + " bits");
        }
        int count = pixels.rows() * pixels.columns();
        double[] values = new double[count];
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (int i = 0; i < count; i++) {
            values[i] = storedValue(pixels, frame, i) * slope + intercept;
            min = Math.min(min, values[i]);
            max = Math.max(max, values[i]);
        }
        RenderingWindow voi = window.orElse(new RenderingWindow((min + max) / 2 + 0.5, Math.max(1, max - min + 1)));
        boolean invert = photometric.equals("MONOCHROME1");
        BufferedImage image = new BufferedImage(pixels.columns(), pixels.rows(), BufferedImage.TYPE_BYTE_GRAY);
        byte[] out = ((java.awt.image.DataBufferByte) image.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < count; i++) {
            int level = voi.level(values[i]);
            out[i] = (byte) (invert ? 255 - level : level);
        }
        return image;
    }

    /** The stored value of pixel {@code i}: the low BitsStored bits, sign-extended when PixelRepresentation is 1. */
    private static int storedValue(PixelFrames pixels, byte[] frame, int i) {
        int raw = pixels.bitsAllocated() == 8 ? frame[i] & 0xFF
                : (frame[2 * i] & 0xFF) | (frame[2 * i + 1] & 0xFF) << 8;
        int bits = pixels.bitsStored();
        int value = raw & ((1 << bits) - 1);
        if (pixels.signed() && (value & (1 << (bits - 1))) != 0) {
            value -= 1 << bits;
        }
        return value;
    }

    private static BufferedImage rgb(PixelFrames pixels, byte[] frame) {
        BufferedImage image = new BufferedImage(pixels.columns(), pixels.rows(), BufferedImage.TYPE_INT_RGB);
        int count = pixels.rows() * pixels.columns();
        for (int i = 0; i < count; i++) {
            int rgb = (frame[3 * i] & 0xFF) << 16 | (frame[3 * i + 1] & 0xFF) << 8 | frame[3 * i + 2] & 0xFF;
            image.setRGB(i % pixels.columns(), i / pixels.columns(), rgb);
        }
        return image;
    }
}
