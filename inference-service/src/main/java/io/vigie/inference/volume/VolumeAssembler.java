package io.vigie.inference.volume;

import io.vigie.dicom.DicomInstance;
import io.vigie.dicom.StoredPixelValues;
import io.vigie.dicom.UndecodablePixelDataException;
import io.vigie.inference.volume.VolumeAssembly.Assembled;
import io.vigie.inference.volume.VolumeAssembly.NotAnalysable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Builds a {@link CtVolume} from the instances of one CT series: slices ordered along the slice normal by
 * ImagePositionPatient (never by InstanceNumber), stored values rescaled to Hounsfield units, and every condition
 * that would make the volume wrong (mixed orientations or sizes, duplicate positions, missing slices, localizers,
 * other modalities, encodings not decoded) reported as a reason instead of a volume.
 *
 * <p>Pixel Data is decoded by {@link StoredPixelValues}: any uncompressed syntax (little or big endian, deflated), RLE,
 * JPEG lossless and lossy, JPEG 2000; what has no codec here (JPEG-LS) is a reason, like any other.
 */
public final class VolumeAssembler {

    /** A gap larger than this many times the usual slice spacing means slices are missing. */
    static final double GAP_TOLERANCE = 1.5;
    private static final double SAME_POSITION_MM = 0.01;
    private static final double SAME_DIRECTION = 1e-4;

    private VolumeAssembler() {
    }

    public static VolumeAssembly assemble(List<DicomInstance> instances) {
        return assemble(instances, new VolumeMemory());
    }

    /** The same, the volume's densities in an array from {@code memory} (see {@link VolumeMemory}). */
    public static VolumeAssembly assemble(List<DicomInstance> instances, VolumeMemory memory) {
        return assemble(instances, memory, volume -> null);
    }

    /**
     * The same, with {@code pass} (made for the volume, whose slices are not written yet; null for none) run on each
     * slice as soon as it is written ({@link SlicePass}).
     */
    public static VolumeAssembly assemble(List<DicomInstance> instances, VolumeMemory memory,
            Function<CtVolume, SlicePass<?>> pass) {
        List<Slice> slices = new ArrayList<>();
        boolean sawLocalizer = false;
        for (DicomInstance instance : instances) {
            if (!instance.string("Modality").equals("CT")) {
                return new NotAnalysable("modality " + instance.string("Modality") + " is not CT");
            }
            if (isLocalizer(instance)) {
                sawLocalizer = true; // scouts travel with the axial series; they are not part of the volume
                continue;
            }
            Slice slice;
            try {
                slice = Slice.of(instance);
            } catch (IllegalArgumentException e) {
                return new NotAnalysable(e.getMessage());
            }
            slices.add(slice);
        }
        if (slices.isEmpty()) {
            return new NotAnalysable(sawLocalizer ? "only localizer (scout) images" : "no images");
        }
        if (slices.size() < 3) {
            return new NotAnalysable("a volume needs at least 3 slices, got " + slices.size());
        }
        Slice first = slices.get(0);
        for (Slice slice : slices) {
            String mismatch = first.geometryMismatch(slice);
            if (mismatch != null) {
                return new NotAnalysable(mismatch);
            }
        }
        slices.sort(Comparator.comparingDouble(Slice::position));
        double[] gaps = new double[slices.size() - 1];
        for (int i = 1; i < slices.size(); i++) {
            gaps[i - 1] = slices.get(i).position() - slices.get(i - 1).position();
            if (gaps[i - 1] < SAME_POSITION_MM) {
                return new NotAnalysable(String.format(Locale.ROOT, "two slices at the same position %.2f mm",
                        slices.get(i).position()));
            }
        }
        double spacing = median(gaps);
        for (int i = 0; i < gaps.length; i++) {
            if (gaps[i] > GAP_TOLERANCE * spacing) {
                return new NotAnalysable(String.format(Locale.ROOT,
                        "missing slices: a gap of %.2f mm after position %.2f mm where slices are %.2f mm apart",
                        gaps[i], slices.get(i).position(), spacing));
            }
        }
        return toVolume(slices, spacing, memory, pass);
    }

    private static VolumeAssembly toVolume(List<Slice> slices, double sliceSpacing, VolumeMemory memory,
            Function<CtVolume, SlicePass<?>> pass) {
        Slice first = slices.get(0);
        List<String> uids = new ArrayList<>();
        for (Slice slice : slices) {
            uids.add(slice.instance.string("SOPInstanceUID"));
        }
        double[] spacing = {first.pixelSpacing[1], first.pixelSpacing[0], sliceSpacing};
        float[] hu = memory.densities(first.columns * first.rows * slices.size()); // every voxel is written below
        CtVolume volume = new CtVolume(first.columns, first.rows, slices.size(), hu, spacing, first.imagePosition,
                first.rowDirection, first.columnDirection, first.normal, List.copyOf(uids));
        String reason = decode(slices, volume, pass.apply(volume));
        return reason == null ? new Assembled(volume) : new NotAnalysable(reason);
    }

    /**
     * Slices decode on the volume pool, each into its own part of the volume, each then given to {@code pass}; the
     * first slice (by position) that cannot be decoded gives the reason, whichever thread met it first.
     *
     * @return that reason, or null when every slice decoded
     */
    private static <B> String decode(List<Slice> slices, CtVolume volume, SlicePass<B> pass) {
        int sliceSize = volume.width() * volume.height();
        String[] failures = new String[slices.size()];
        VolumeWorkers.forEach(slices.size(), () -> new SliceBuffers<>(pass == null ? null : pass.buffers()),
                (buffers, z) -> {
                    try {
                        slices.get(z).rescaleInto(volume.hu(), z * sliceSize, buffers.pixels);
                    } catch (IllegalArgumentException e) {
                        failures[z] = e.getMessage();
                        return;
                    }
                    if (pass != null) {
                        pass.sliceAssembled(buffers.pass, z);
                    }
                });
        for (String failure : failures) {
            if (failure != null) {
                return failure;
            }
        }
        return null;
    }

    /** One assembling thread's buffers: its pixel buffers and the pass's. */
    private static final class SliceBuffers<B> {
        final StoredPixelValues.Buffers pixels = new StoredPixelValues.Buffers();
        final B pass;

        SliceBuffers(B pass) {
            this.pass = pass;
        }
    }

    private static boolean isLocalizer(DicomInstance instance) {
        return instance.strings("ImageType").stream().anyMatch(v -> v.equalsIgnoreCase("LOCALIZER"));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /** One image's geometry and encoding, read and checked once. */
    private static final class Slice {
        final DicomInstance instance;
        final int rows;
        final int columns;
        final double[] pixelSpacing;
        final double[] imagePosition;
        final double[] rowDirection;
        final double[] columnDirection;
        final double[] normal;

        private Slice(DicomInstance instance) {
            this.instance = instance;
            this.rows = required(instance.integer("Rows"), "Rows");
            this.columns = required(instance.integer("Columns"), "Columns");
            this.pixelSpacing = numbers(instance, "PixelSpacing", 2);
            this.imagePosition = numbers(instance, "ImagePositionPatient", 3);
            double[] orientation = numbers(instance, "ImageOrientationPatient", 6);
            this.rowDirection = new double[] {orientation[0], orientation[1], orientation[2]};
            this.columnDirection = new double[] {orientation[3], orientation[4], orientation[5]};
            this.normal = cross(rowDirection, columnDirection);
            Integer frames = instance.integer("NumberOfFrames");
            if (frames != null && frames > 1) {
                throw new IllegalArgumentException("multi-frame (enhanced) CT is not assembled yet");
            }
            if (required(instance.integer("BitsAllocated"), "BitsAllocated") != 16
                    || required(instance.integer("SamplesPerPixel"), "SamplesPerPixel") != 1) {
                throw new IllegalArgumentException("only 16-bit single-sample CT pixels are supported");
            }
        }

        static Slice of(DicomInstance instance) {
            return new Slice(instance);
        }

        double position() {
            return CtVolume.dot(imagePosition, normal);
        }

        String geometryMismatch(Slice other) {
            if (other.rows != rows || other.columns != columns) {
                return "slices of different sizes (" + columns + "x" + rows + " and " + other.columns + "x"
                        + other.rows + ")";
            }
            if (!close(other.rowDirection, rowDirection) || !close(other.columnDirection, columnDirection)) {
                return "mixed image orientations in one series";
            }
            if (Math.abs(other.pixelSpacing[0] - pixelSpacing[0]) > SAME_DIRECTION
                    || Math.abs(other.pixelSpacing[1] - pixelSpacing[1]) > SAME_DIRECTION) {
                return "mixed pixel spacings in one series";
            }
            return null;
        }

        /**
         * Stored values (decoded, signed per PixelRepresentation) to HU by the slice's own slope and intercept;
         * {@code buffers}: the thread's, reused slice after slice.
         */
        void rescaleInto(float[] target, int offset, StoredPixelValues.Buffers buffers) {
            double slope = number(instance, "RescaleSlope", 1);
            double intercept = number(instance, "RescaleIntercept", 0);
            try {
                StoredPixelValues.modalityValues(instance, 0, slope, intercept, target, offset, buffers);
            } catch (UndecodablePixelDataException e) {
                throw new IllegalArgumentException("pixel data of " + instance.string("SOPInstanceUID")
                        + " cannot be decoded: " + e.getMessage());
            }
        }

        private static int required(Integer value, String keyword) {
            if (value == null) {
                throw new IllegalArgumentException(keyword + " missing");
            }
            return value;
        }

        private static double[] numbers(DicomInstance instance, String keyword, int count) {
            List<String> values = instance.strings(keyword);
            if (values.size() != count) {
                throw new IllegalArgumentException(keyword + " must have " + count + " values, has " + values.size());
            }
            double[] numbers = new double[count];
            for (int i = 0; i < count; i++) {
                try {
                    numbers[i] = Double.parseDouble(values.get(i).trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(keyword + " is not numeric: " + values);
                }
            }
            return numbers;
        }

        /** A rescale value: absent is the fallback; NaN and infinities are refused, so every density is a number. */
        private static double number(DicomInstance instance, String keyword, double fallback) {
            String value = instance.string(keyword);
            double number;
            try {
                number = value.isEmpty() ? fallback : Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(keyword + " is not numeric: " + value);
            }
            if (!Double.isFinite(number)) {
                throw new IllegalArgumentException(keyword + " is not a finite number: " + value);
            }
            return number;
        }

        private static boolean close(double[] a, double[] b) {
            for (int i = 0; i < a.length; i++) {
                if (Math.abs(a[i] - b[i]) > SAME_DIRECTION) {
                    return false;
                }
            }
            return true;
        }

        private static double[] cross(double[] a, double[] b) {
            return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
        }
    }
}
