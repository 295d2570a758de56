package io.vigie.testing;

import java.util.Random;

/**
 * A synthetic chest CT in Hounsfield units, seeded and reproducible: body, two lungs, spine, heart and mediastinal
 * vessels, plus pulmonary vessel trees (tubes that branch) and airways (air tubes with dense walls) inside the lungs,
 * and scanner-like noise. Backgrounds for training and testing the detector beside the real LIDC-IDRI slices.
 */
public final class ChestPhantom {

    /** The volume, x-fastest: {@code hu[(z * height + y) * width + x]}; spacing in mm along x, y, z. */
    public record Volume(int width, int height, int depth, double[] spacing, float[] hu) {
    }

    private ChestPhantom() {
    }

    public static Volume generate(long seed, int width, int height, int depth, double[] spacing) {
        Random random = new Random(seed);
        float[] hu = new float[width * height * depth];
        double cx = width / 2.0;
        double cy = height / 2.0;
        double bodyA = width * (0.40 + 0.04 * random.nextDouble());
        double bodyB = height * (0.30 + 0.04 * random.nextDouble());
        double lungA = width * (0.13 + 0.03 * random.nextDouble());
        double lungB = height * (0.20 + 0.03 * random.nextDouble());
        double lungOffset = width * (0.19 + 0.02 * random.nextDouble());
        for (int z = 0; z < depth; z++) {
            double t = depth == 1 ? 0 : (double) z / (depth - 1);
            double taper = 0.85 + 0.15 * Math.sin(Math.PI * t);
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    float value = -1000;
                    if (inEllipse(x, y, cx, cy, bodyA, bodyB)) {
                        value = 40; // soft tissue
                        if (inEllipse(x, y, cx, cy, bodyA - 12, bodyB - 12)) {
                            value = 10; // muscle / fat mix under the wall
                        }
                        if (inEllipse(x, y, cx - lungOffset, cy - 5, lungA * taper, lungB * taper)
                                || inEllipse(x, y, cx + lungOffset, cy - 5, lungA * taper, lungB * taper)) {
                            value = -860; // aerated lung
                        }
                        if (inEllipse(x, y, cx, cy + bodyB * 0.72, width * 0.05, height * 0.05)) {
                            value = 700; // vertebra
                        }
                        if (inEllipse(x, y, cx + width * 0.03, cy + height * 0.05, width * 0.09, height * 0.08)) {
                            value = 45; // heart
                        }
                    }
                    hu[(z * height + y) * width + x] = value;
                }
            }
        }
        Volume volume = new Volume(width, height, depth, spacing.clone(), hu);
        for (int side = -1; side <= 1; side += 2) {
            double lungX = cx + side * lungOffset;
            for (int tree = 0; tree < 3; tree++) {
                vesselTree(volume, random, lungX, cy - 5, lungA, lungB, 4);
            }
            airway(volume, random, lungX, cy - 5, lungA, lungB);
        }
        for (int i = 0; i < hu.length; i++) {
            hu[i] += (float) (random.nextGaussian() * 12);
        }
        return volume;
    }

    /** A vessel that runs through the lung and branches, thinning at each generation. */
    private static void vesselTree(Volume v, Random random, double lungX, double lungY, double a, double b,
            int generations) {
        double[] start = {lungX + (random.nextDouble() - 0.5) * a * 0.6, lungY + (random.nextDouble() - 0.5) * b * 0.6,
                random.nextDouble() * v.depth() * v.spacing()[2]};
        double radiusMm = 2.5 + random.nextDouble() * 1.5;
        branch(v, random, start, randomDirection(random), radiusMm, generations, lungX, lungY, a, b);
    }

    private static void branch(Volume v, Random random, double[] start, double[] direction, double radiusMm,
            int generations, double lungX, double lungY, double a, double b) {
        double lengthMm = 15 + random.nextDouble() * 25;
        double[] end = new double[3];
        for (int i = 0; i < 3; i++) {
            end[i] = start[i] + direction[i] * lengthMm / (i < 2 ? v.spacing()[i] : 1);
        }
        tube(v, start, end, radiusMm, 40, Float.NaN, lungX, lungY, a, b);
        if (generations > 1 && radiusMm > 1.0) {
            for (int child = 0; child < 2; child++) {
                double[] turned = randomDirection(random);
                for (int i = 0; i < 3; i++) {
                    turned[i] = direction[i] * 0.7 + turned[i] * 0.5;
                }
                branch(v, random, end, normalise(turned), radiusMm * 0.75, generations - 1, lungX, lungY, a, b);
            }
        }
    }

    /** An airway: air inside a dense wall, running mostly along z. */
    private static void airway(Volume v, Random random, double lungX, double lungY, double a, double b) {
        double[] start = {lungX + (random.nextDouble() - 0.5) * a * 0.4, lungY, 0};
        double[] end = {start[0] + (random.nextDouble() - 0.5) * 20, start[1] + (random.nextDouble() - 0.5) * 20,
                v.depth() * v.spacing()[2]};
        double radiusMm = 3 + random.nextDouble() * 2;
        tube(v, start, end, radiusMm, 60, -950, lungX, lungY, a, b);
    }

    /**
     * Draws a tube between two points (x, y in voxels, z in mm) inside the lung ellipse only; with an inner value it
     * is a hollow tube (air in a wall of 1 mm).
     */
    private static void tube(Volume v, double[] start, double[] end, double radiusMm, float wallHu, float innerHu,
            double lungX, double lungY, double a, double b) {
        double sx = v.spacing()[0];
        double sz = v.spacing()[2];
        double[] s = {start[0] * sx, start[1] * v.spacing()[1], start[2]};
        double[] e = {end[0] * sx, end[1] * v.spacing()[1], end[2]};
        double[] axis = {e[0] - s[0], e[1] - s[1], e[2] - s[2]};
        double length2 = axis[0] * axis[0] + axis[1] * axis[1] + axis[2] * axis[2];
        int margin = (int) Math.ceil(radiusMm / sx) + 1;
        int x0 = (int) Math.max(0, Math.min(start[0], end[0]) - margin);
        int x1 = (int) Math.min(v.width() - 1, Math.max(start[0], end[0]) + margin);
        int y0 = (int) Math.max(0, Math.min(start[1], end[1]) - margin);
        int y1 = (int) Math.min(v.height() - 1, Math.max(start[1], end[1]) + margin);
        int z0 = (int) Math.max(0, Math.floor((Math.min(s[2], e[2]) - radiusMm) / sz));
        int z1 = (int) Math.min(v.depth() - 1, Math.ceil((Math.max(s[2], e[2]) + radiusMm) / sz));
        for (int z = z0; z <= z1; z++) {
            for (int y = y0; y <= y1; y++) {
                for (int x = x0; x <= x1; x++) {
                    int index = (z * v.height() + y) * v.width() + x;
                    if (v.hu()[index] > -500) {
                        continue; // only inside aerated lung
                    }
                    double[] p = {x * sx - s[0], y * v.spacing()[1] - s[1], z * sz - s[2]};
                    double along = length2 == 0 ? 0
                            : Math.max(0, Math.min(1, (p[0] * axis[0] + p[1] * axis[1] + p[2] * axis[2]) / length2));
                    double dx = p[0] - along * axis[0];
                    double dy = p[1] - along * axis[1];
                    double dz = p[2] - along * axis[2];
                    double distance = Math.sqrt(dx * dx + dy * dy + dz * dz);
                    if (distance <= radiusMm) {
                        boolean inner = !Float.isNaN(innerHu) && distance < radiusMm - 1;
                        v.hu()[index] = inner ? innerHu : wallHu;
                    }
                }
            }
        }
    }

    private static boolean inEllipse(double x, double y, double cx, double cy, double a, double b) {
        double dx = (x - cx) / a;
        double dy = (y - cy) / b;
        return dx * dx + dy * dy <= 1;
    }

    private static double[] randomDirection(Random random) {
        return normalise(new double[] {random.nextGaussian(), random.nextGaussian(), random.nextGaussian()});
    }

    private static double[] normalise(double[] v) {
        double n = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        return new double[] {v[0] / n, v[1] / n, v[2] / n};
    }
}
