package io.vigie.inference.training;

import io.vigie.inference.volume.CtVolume;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Inserts realistic nodules into a CT volume in place: a lobulated ellipsoid with a soft edge, its density and
 * texture set by type, blended so that it only ever adds density (vessels and walls it touches stay visible), placed
 * inside the lung, against the pleura, or against a vessel as its type asks. Seeded: the same seed gives the same
 * nodules.
 */
public final class NoduleSynthesizer {

    private static final float PARENCHYMA_MAX_HU = -650f;
    private static final float VESSEL_MIN_HU = -150f;
    private static final int PLACEMENT_TRIES = 4000;

    private final Random random;

    public NoduleSynthesizer(long seed) {
        this.random = new Random(seed);
    }

    /** Inserts one nodule of this type and diameter, if a suitable place exists in the lung mask. */
    public Optional<SyntheticNodule> insert(CtVolume volume, boolean[] lungMask, NoduleType type, double diameterMm) {
        return insert(volume, lungMask, type, diameterMm, List.of());
    }

    /**
     * As {@link #insert(CtVolume, boolean[], NoduleType, double)}, keeping at least 5 mm between the new nodule and
     * those already there (so that references never overlap and each stays countable on its own).
     */
    public Optional<SyntheticNodule> insert(CtVolume volume, boolean[] lungMask, NoduleType type, double diameterMm,
            java.util.List<SyntheticNodule> avoid) {
        double radius = diameterMm / 2;
        for (int attempt = 0; attempt < PLACEMENT_TRIES; attempt++) {
            int x = random.nextInt(volume.width());
            int y = random.nextInt(volume.height());
            int z = random.nextInt(volume.depth());
            int index = (z * volume.height() + y) * volume.width() + x;
            if (!lungMask[index]) {
                continue;
            }
            double[] centre = placement(volume, lungMask, type, x, y, z, radius);
            if (centre != null && clearOf(volume, centre, radius, avoid)) {
                draw(volume, type, centre, radius);
                double[] patient = volume.toPatient(centre[0], centre[1], centre[2]);
                return Optional.of(new SyntheticNodule(type, centre, patient, diameterMm));
            }
        }
        return Optional.empty();
    }

    /** Where a nodule of this type may sit near (x, y, z), or null if not here. */
    private double[] placement(CtVolume v, boolean[] mask, NoduleType type, int x, int y, int z, double radius) {
        double[] centre = {x, y, z};
        return switch (type) {
            case SOLID, PART_SOLID, GROUND_GLASS ->
                    v.hu(x, y, z) < PARENCHYMA_MAX_HU && sphereInside(v, mask, centre, radius * 1.2)
                            && sphereQuiet(v, centre, radius) ? centre : null;
            case JUXTA_PLEURAL -> v.hu(x, y, z) < PARENCHYMA_MAX_HU && touchesEdge(v, mask, centre, radius)
                    && sphereInside(v, mask, centre, radius * 0.5) ? centre : null;
            case JUXTA_VASCULAR -> v.hu(x, y, z) > VESSEL_MIN_HU && v.hu(x, y, z) < 200
                    ? besideVessel(v, mask, centre, radius) : null;
        };
    }

    /** Moves from a vessel voxel by the radius in a random direction, into parenchyma. */
    private double[] besideVessel(CtVolume v, boolean[] mask, double[] vessel, double radius) {
        double[] direction = randomDirection();
        double[] centre = new double[3];
        for (int i = 0; i < 3; i++) {
            centre[i] = vessel[i] + direction[i] * radius * 0.9 / v.spacing()[i];
        }
        if (!inside(v, centre) || v.hu((int) centre[0], (int) centre[1], (int) centre[2]) > PARENCHYMA_MAX_HU) {
            return null;
        }
        return sphereInside(v, mask, centre, radius) ? centre : null;
    }

    private void draw(CtVolume v, NoduleType type, double[] centre, double radius) {
        double[] axes = {1 + 0.15 * (random.nextDouble() - 0.5), 1 + 0.15 * (random.nextDouble() - 0.5),
                1 + 0.15 * (random.nextDouble() - 0.5)};
        double lobulation = 0.06 + 0.08 * random.nextDouble();
        double phase = random.nextDouble() * Math.PI * 2;
        float density = switch (type) {
            case GROUND_GLASS -> (float) (-680 + 200 * random.nextDouble());
            case PART_SOLID -> (float) (-600 + 120 * random.nextDouble());
            default -> (float) (random.nextDouble() * 60);
        };
        double core = type == NoduleType.PART_SOLID ? 0.35 + 0.2 * random.nextDouble() : 0;
        double reach = radius * 1.4;
        int[] lo = new int[3];
        int[] hi = new int[3];
        int[] size = {v.width(), v.height(), v.depth()};
        for (int i = 0; i < 3; i++) {
            lo[i] = Math.max(0, (int) Math.floor(centre[i] - reach / v.spacing()[i]));
            hi[i] = Math.min(size[i] - 1, (int) Math.ceil(centre[i] + reach / v.spacing()[i]));
        }
        for (int z = lo[2]; z <= hi[2]; z++) {
            for (int y = lo[1]; y <= hi[1]; y++) {
                for (int x = lo[0]; x <= hi[0]; x++) {
                    double dx = (x - centre[0]) * v.spacing()[0] / axes[0];
                    double dy = (y - centre[1]) * v.spacing()[1] / axes[1];
                    double dz = (z - centre[2]) * v.spacing()[2] / axes[2];
                    double distance = Math.sqrt(dx * dx + dy * dy + dz * dz);
                    double angle = Math.atan2(dy, dx);
                    double elevation = distance == 0 ? 0 : Math.asin(dz / distance);
                    double surface = radius * (1 + lobulation * Math.sin(3 * angle + phase) * Math.cos(2 * elevation));
                    double edge = 0.6; // mm: partial-volume blur of the boundary
                    double weight = 1 / (1 + Math.exp((distance - surface) / edge));
                    if (weight < 0.02) {
                        continue;
                    }
                    float target = density;
                    if (core > 0 && distance < core * surface) {
                        target = (float) (random.nextDouble() * 40);
                    }
                    target += (float) (random.nextGaussian() * (type == NoduleType.GROUND_GLASS ? 35 : 15));
                    int index = (z * v.height() + y) * v.width() + x;
                    float blended = (float) (v.hu()[index] * (1 - weight) + target * weight);
                    v.hu()[index] = Math.max(v.hu()[index], blended);
                }
            }
        }
    }

    private static boolean clearOf(CtVolume v, double[] centre, double radius,
            java.util.List<SyntheticNodule> avoid) {
        double[] patient = v.toPatient(centre[0], centre[1], centre[2]);
        for (SyntheticNodule other : avoid) {
            double dx = patient[0] - other.centre()[0];
            double dy = patient[1] - other.centre()[1];
            double dz = patient[2] - other.centre()[2];
            if (Math.sqrt(dx * dx + dy * dy + dz * dz) < radius + other.diameterMm() / 2 + 5) {
                return false;
            }
        }
        return true;
    }

    private static boolean sphereInside(CtVolume v, boolean[] mask, double[] centre, double radius) {
        for (double[] d : DIRECTIONS) {
            double[] p = offset(v, centre, d, radius);
            if (!inside(v, p) || !mask[index(v, p)]) {
                return false;
            }
        }
        return true;
    }

    /** No dense structure where the nodule goes, so that nodules do not stack on each other or on big vessels. */
    private static boolean sphereQuiet(CtVolume v, double[] centre, double radius) {
        for (double[] d : DIRECTIONS) {
            double[] p = offset(v, centre, d, radius * 0.7);
            if (inside(v, p) && v.hu()[index(v, p)] > -300) {
                return false;
            }
        }
        return true;
    }

    private static boolean touchesEdge(CtVolume v, boolean[] mask, double[] centre, double radius) {
        for (double[] d : DIRECTIONS) {
            if (d[2] != 0) {
                continue; // the pleura in-plane: most juxta-pleural nodules sit against the chest wall
            }
            double[] p = offset(v, centre, d, radius * 1.1);
            if (inside(v, p) && !mask[index(v, p)]) {
                return true;
            }
        }
        return false;
    }

    private static final double[][] DIRECTIONS = {
            {1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1},
            {0.707, 0.707, 0}, {-0.707, 0.707, 0}, {0.707, -0.707, 0}, {-0.707, -0.707, 0}};

    private static double[] offset(CtVolume v, double[] centre, double[] direction, double mm) {
        return new double[] {centre[0] + direction[0] * mm / v.spacing()[0],
                centre[1] + direction[1] * mm / v.spacing()[1], centre[2] + direction[2] * mm / v.spacing()[2]};
    }

    private static boolean inside(CtVolume v, double[] p) {
        return p[0] >= 0 && p[1] >= 0 && p[2] >= 0 && p[0] < v.width() && p[1] < v.height() && p[2] < v.depth();
    }

    private static int index(CtVolume v, double[] p) {
        return ((int) p[2] * v.height() + (int) p[1]) * v.width() + (int) p[0];
    }

    private double[] randomDirection() {
        double[] d = {random.nextGaussian(), random.nextGaussian(), random.nextGaussian() * 0.5};
        double n = Math.sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
        return new double[] {d[0] / n, d[1] / n, d[2] / n};
    }
}
