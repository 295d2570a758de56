package io.vigie.inference.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigie.inference.detection.Candidate;
import io.vigie.inference.volume.CtVolume;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A segment is the candidate's own region when it has one, else the sphere of its diameter. */
class SegmentMaskTest {

    /** 4 x 3 voxels per slice, 2 slices, 1 mm apart, origin at 0. */
    private static final CtVolume VOLUME = new CtVolume(4, 3, 2, new float[24], new double[] {1, 1, 1},
            new double[] {0, 0, 0}, new double[] {1, 0, 0}, new double[] {0, 1, 0}, new double[] {0, 0, 1},
            List.of("1.2.3.1", "1.2.3.2"));

    @Test
    void theCandidatesRegionIsTheSegmentVoxelForVoxel() {
        // (x, y, z): (1,0,0) (1,1,0) (1,0,1) (3,2,1), as indices (z * 3 + y) * 4 + x
        Candidate candidate = new Candidate(new double[] {1.5, 0.75, 0.5}, new double[] {1.5, 0.75, 0.5}, 1.2, 4, 60,
                new int[] {1, 5, 13, 23});

        SegmentMask mask = SegmentMask.of(VOLUME, candidate);

        assertThat(mask.voxelCount()).isEqualTo(4);
        assertThat(mask.slices().keySet()).containsExactly(0, 1);
        assertThat(mask.slices().get(0)).isEqualTo(bits(1, 5));
        assertThat(mask.slices().get(1)).isEqualTo(bits(1, 11));
    }

    @Test
    void aRegionListedInAnyOrderGivesTheSameSegment() {
        SegmentMask inOrder = SegmentMask.of(VOLUME, region(1, 2, 3, 5, 13, 14, 23));
        SegmentMask shuffled = SegmentMask.of(VOLUME, region(23, 2, 13, 1, 5, 14, 3, 2));

        assertThat(shuffled.slices()).isEqualTo(inOrder.slices());
        assertThat(shuffled.voxelCount()).isEqualTo(7);
        assertThat(inOrder.slices().get(0)).isEqualTo(bits(1, 2, 3, 5));
        assertThat(inOrder.slices().get(1)).isEqualTo(bits(1, 2, 11));
    }

    @Test
    void withoutARegionTheSegmentIsTheSphereOfItsDiameter() {
        Candidate candidate = new Candidate(new double[] {1, 1, 0}, new double[] {1, 1, 0}, 2.2, 5.6, 60);

        SegmentMask mask = SegmentMask.of(VOLUME, candidate);

        // radius 1.1 mm around (1, 1, 0): the centre, its 4 in-plane neighbours and the voxel above it
        assertThat(mask.voxelCount()).isEqualTo(6);
        assertThat(mask.slices().get(0)).isEqualTo(bits(1, 4, 5, 6, 9));
        assertThat(mask.slices().get(1)).isEqualTo(bits(5));
    }

    @Test
    void aRegionVoxelOutsideTheSeriesIsRefused() {
        Candidate candidate = new Candidate(new double[] {1, 1, 0}, new double[] {1, 1, 0}, 1, 1, 60, new int[] {24});

        assertThatThrownBy(() -> SegmentMask.of(VOLUME, candidate)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outside the series");
    }

    @Test
    void segmentsOverlapOnlyWhereTheyShareAVoxel() {
        SegmentMask first = SegmentMask.of(VOLUME, region(1, 5));           // slice 0
        SegmentMask sameSliceApart = SegmentMask.of(VOLUME, region(2, 6));  // slice 0, other voxels
        SegmentMask sharing = SegmentMask.of(VOLUME, region(5, 17));        // slices 0 and 1, voxel 5 shared
        SegmentMask nextSlice = SegmentMask.of(VOLUME, region(13, 23));     // slice 1 only
        SegmentMask lastRow = SegmentMask.of(VOLUME, region(9, 10, 23));    // slices 0 and 1, row 2 only

        assertThat(first.overlaps(sameSliceApart)).isFalse();
        assertThat(first.overlaps(sharing)).isTrue();
        assertThat(sharing.overlaps(first)).isTrue();
        assertThat(first.overlaps(nextSlice)).isFalse();
        assertThat(nextSlice.overlaps(first)).isFalse();
        assertThat(first.overlaps(lastRow)).isFalse();
        assertThat(lastRow.overlaps(first)).isFalse();
        assertThat(lastRow.overlaps(nextSlice)).isTrue(); // voxel 23 is (3, 2, 1), in both
        assertThat(lastRow.firstRow()).isEqualTo(2);
        assertThat(sharing.firstRow()).isEqualTo(1);
        assertThat(sharing.lastRow()).isEqualTo(1);
    }

    private static Candidate region(int... voxels) {
        return new Candidate(new double[] {1, 1, 0}, new double[] {1, 1, 0}, 1, 1, 60, voxels);
    }

    private static BitSet bits(int... indices) {
        BitSet bits = new BitSet();
        for (int index : indices) {
            bits.set(index);
        }
        return bits;
    }
}
