package io.vigie.inference.detection;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.inference.training.NoduleSynthesizer;
import io.vigie.inference.training.NoduleType;
import io.vigie.inference.volume.CtVolume;
import io.vigie.inference.volume.TestVolumes;
import io.vigie.testing.ChestPhantom;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packed-bit lung mask, candidate generator and separable patch sampler give exactly what the straightforward
 * code they replaced gave (kept in tests as {@link StraightforwardLungMask}, {@link StraightforwardCandidateGenerator},
 * {@link StraightforwardPatchSampler}): voxel for voxel, candidate for candidate, patch value for patch value, on the
 * real LIDC-IDRI-0001 slices, on a chest phantom with inserted nodules whose width is not a multiple of 64 (the packed
 * rows' last word is partial), and, for the morphology and the labelling alone, on random images at every radius.
 */
class FastMorphologyEquivalenceTest {

    private static CtVolume lidc;
    private static CtVolume phantom;

    @BeforeAll
    static void load() throws Exception {
        lidc = TestVolumes.lidc0001();
        phantom = TestVolumes.of(ChestPhantom.generate(11, 250, 230, 40, new double[] {1.4, 1.4, 2.5}));
        NoduleSynthesizer synthesizer = new NoduleSynthesizer(5);
        boolean[] lungs = StraightforwardLungMask.segment(phantom);
        for (NoduleType type : NoduleType.values()) {
            synthesizer.insert(phantom, lungs, type, 8);
            synthesizer.insert(phantom, lungs, type, 15);
        }
    }

    @Test
    void theLungMaskIsTheSameVoxelForVoxel() {
        for (CtVolume volume : List.of(lidc, phantom)) {
            boolean[] expected = StraightforwardLungMask.segment(volume);
            boolean[] actual = LungMask.segment(volume);
            assertThat(count(expected)).as("lung voxels").isGreaterThan(expected.length / 20);
            assertThat(mismatches(expected, actual)).as("voxels that differ").isZero();
        }
    }

    @Test
    void theCandidatesAreTheSameAtEveryLevel() {
        for (CtVolume volume : List.of(lidc, phantom)) {
            boolean[] lungs = LungMask.segment(volume);
            List<Candidate> expected = StraightforwardCandidateGenerator.generate(volume, lungs);
            assertThat(expected).as("reference candidates").hasSizeGreaterThan(5);
            // From the boolean mask (the public way in) and from the packed one (the detector's way).
            for (List<Candidate> actual : List.of(CandidateGenerator.generate(volume, lungs),
                    CandidateGenerator.generate(volume, LungMask.segmentPacked(volume)))) {
                assertSame(expected, actual);
            }
        }
    }

    private static void assertSame(List<Candidate> expected, List<Candidate> actual) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            Candidate e = expected.get(i);
            Candidate a = actual.get(i);
            assertThat(a.voxels()).as("candidate %d's voxels", i).isEqualTo(e.voxels());
            assertThat(a.centre()).as("centre").isEqualTo(e.centre());
            assertThat(a.voxelCentre()).isEqualTo(e.voxelCentre());
            assertThat(a.diameterMm()).isEqualTo(e.diameterMm());
            assertThat(a.volumeMm3()).isEqualTo(e.volumeMm3());
            // Summed in voxel order rather than flood order: the same for integer HU (as CT's are here).
            assertThat(a.meanHu()).isEqualTo(e.meanHu());
        }
    }

    @Test
    void thePatchesAreTheSameToTheBit() {
        PatchSampler fast = new PatchSampler(32, 1.25, -1000, 400);
        StraightforwardPatchSampler plain = new StraightforwardPatchSampler(32, 1.25, -1000, 400);
        PatchSampler.Scratch scratch = new PatchSampler.Scratch();
        Random random = new Random(3);
        for (CtVolume volume : List.of(lidc, phantom)) {
            for (int i = 0; i < 20; i++) {
                // Inside and well beyond the edges, where the edge voxel is repeated.
                double[] centre = {
                        random.nextDouble() * (volume.width() + 40) - 20,
                        random.nextDouble() * (volume.height() + 40) - 20,
                        random.nextDouble() * (volume.depth() + 10) - 5};
                float[] expected = plain.sample(volume, centre);
                float[] actual = new float[fast.voxels() + 7];
                fast.sample(volume, centre, actual, 7, scratch);
                assertThat(Arrays.copyOfRange(actual, 7, actual.length)).as("patch at %s", Arrays.toString(centre))
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void packedDilationAndErosionMatchTheRunningWindowAtEveryRadius() {
        Random random = new Random(1);
        // {100, 12}: shifts of more rows than the image has. Besides the random images, one of empty, random and
        // full rows in turn: the row passes skip empty and full rows.
        for (int[] size : new int[][] {{131, 77}, {64, 50}, {200, 129}, {7, 300}, {100, 12}}) {
            int w = size[0];
            int h = size[1];
            Map<String, boolean[]> images = new LinkedHashMap<>();
            for (double density : new double[] {0.02, 0.3, 0.9}) {
                images.put(String.format("density %.2f", density), randomImage(random, w * h, density));
            }
            images.put("banded", bandedImage(random, w, h));
            for (Map.Entry<String, boolean[]> entry : images.entrySet()) {
                String kind = entry.getKey();
                boolean[] image = entry.getValue();
                for (int radius = 1; radius <= 40; radius += radius < 10 ? 1 : 7) {
                    assertThat(mismatches(packed(image, w, h, radius, true),
                            StraightforwardLungMask.dilate(image, w, h, radius)))
                            .as("pixels that differ, dilation %dx%d radius %d, %s", w, h, radius, kind)
                            .isZero();
                    assertThat(mismatches(packed(image, w, h, radius, false),
                            StraightforwardLungMask.erode(image, w, h, radius)))
                            .as("pixels that differ, erosion %dx%d radius %d, %s", w, h, radius, kind)
                            .isZero();
                }
            }
        }
    }

    @Test
    void runLabellingFindsTheSameRegionsAndHolesAsTheFloodFill() {
        Random random = new Random(2);
        int w = 150;
        int h = 97;
        for (double density : new double[] {0.3, 0.5, 0.6, 0.7}) {
            boolean[] image = randomImage(random, w * h, density);
            PackedMask mask = PackedMask.of(w, h, 1, image);
            for (int minPixels : new int[] {1, 5, 40}) {
                PackedMask regions = new PackedMask(w, h, 1);
                LungMask.innerAirRegions(mask, regions, minPixels);
                assertThat(mismatches(unpack(regions), StraightforwardLungMask.innerAirRegions(image, w, h, minPixels)))
                        .as("pixels that differ, inner regions, density %.1f, at least %d", density, minPixels)
                        .isZero();
            }
            PackedMask filled = PackedMask.of(w, h, 1, image);
            LungMask.fillHoles(filled, new PackedMask(w, h, 1));
            assertThat(mismatches(unpack(filled), StraightforwardLungMask.fillHoles(image, w, h)))
                    .as("pixels that differ, holes filled, density %.1f", density).isZero();
        }
    }

    private static boolean[] packed(boolean[] image, int w, int h, int radius, boolean dilate) {
        PackedMask mask = PackedMask.of(w, h, 1, image);
        long[] scratch = new long[mask.words() * h];
        if (dilate) {
            mask.dilate(0, radius, scratch);
        } else {
            mask.erode(0, radius, scratch);
        }
        return unpack(mask);
    }

    private static boolean[] unpack(PackedMask mask) {
        boolean[] image = new boolean[mask.width() * mask.height()];
        mask.unpackSlice(0, image, 0);
        return image;
    }

    /** Rows in turn empty, set at random, and full. */
    private static boolean[] bandedImage(Random random, int w, int h) {
        boolean[] image = new boolean[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image[y * w + x] = y % 3 == 2 || (y % 3 == 1 && random.nextBoolean());
            }
        }
        return image;
    }

    private static boolean[] randomImage(Random random, int size, double density) {
        boolean[] image = new boolean[size];
        for (int i = 0; i < size; i++) {
            image[i] = random.nextDouble() < density;
        }
        return image;
    }

    private static long count(boolean[] mask) {
        long n = 0;
        for (boolean b : mask) {
            n += b ? 1 : 0;
        }
        return n;
    }

    private static long mismatches(boolean[] a, boolean[] b) {
        long n = 0;
        for (int i = 0; i < a.length; i++) {
            n += a[i] != b[i] ? 1 : 0;
        }
        return n;
    }
}
