package io.vigie.inference.evaluation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Free-response ROC and the LUNA16 competition performance metric (CPM). A detection hits a reference nodule when it
 * lies within the nodule's radius of its centre; several detections on one nodule count once (the most probable);
 * a detection that hits no nodule is a false positive. CPM is the mean sensitivity at 1/8, 1/4, 1/2, 1, 2, 4 and 8
 * false positives per scan.
 */
public final class Froc {

    /** The false-positive rates (per scan) at which LUNA16 averages sensitivity. */
    public static final double[] CPM_RATES = {0.125, 0.25, 0.5, 1, 2, 4, 8};

    /** A reference nodule of one scan: centre in mm (patient coordinates) and diameter in mm. */
    public record Nodule(double x, double y, double z, double diameterMm) {
    }

    /** A detection of one scan: centre in mm and the model's probability. */
    public record Detection(double x, double y, double z, double probability) {
    }

    /** One operating point of the curve: keep detections with probability >= threshold. */
    public record Point(double threshold, double falsePositivesPerScan, double sensitivity) {
    }

    /** The curve, from the strictest threshold to the most lenient, and its CPM. */
    public record Result(List<Point> curve, double cpm, int nodules, int scans) {

        /** Sensitivity at a false-positive rate: the best sensitivity among points at or under that rate. */
        public double sensitivityAt(double falsePositivesPerScan) {
            double best = 0;
            for (Point point : curve) {
                if (point.falsePositivesPerScan() <= falsePositivesPerScan) {
                    best = Math.max(best, point.sensitivity());
                }
            }
            return best;
        }

        /** The most lenient threshold whose false-positive rate stays at or under the given rate. */
        public double thresholdAt(double falsePositivesPerScan) {
            double threshold = Double.POSITIVE_INFINITY;
            for (Point point : curve) {
                if (point.falsePositivesPerScan() <= falsePositivesPerScan) {
                    threshold = Math.min(threshold, point.threshold());
                }
            }
            return threshold;
        }
    }

    private Froc() {
    }

    /**
     * @param references the reference nodules of every scan, keyed by scan (a scan without nodules maps to an empty
     *                   list and still counts in the per-scan rate)
     * @param detections the detections of every scan, same keys
     */
    public static Result evaluate(Map<String, List<Nodule>> references, Map<String, List<Detection>> detections) {
        return evaluate(references, Map.of(), detections);
    }

    /**
     * As {@link #evaluate(Map, Map)}, with nodules outside the evaluated range (for example under 4 mm) that count
     * neither way: a detection on one is dropped, as LUNA16 does with findings it does not score.
     */
    public static Result evaluate(Map<String, List<Nodule>> references, Map<String, List<Nodule>> ignored,
            Map<String, List<Detection>> detections) {
        record Scored(double probability, int nodule) { // nodule index in the global list, or -1 for a false positive
        }
        List<Scored> scored = new ArrayList<>();
        int nodules = 0;
        for (Map.Entry<String, List<Nodule>> scan : references.entrySet()) {
            List<Nodule> truth = scan.getValue();
            List<Nodule> skip = ignored.getOrDefault(scan.getKey(), List.of());
            for (Detection detection : detections.getOrDefault(scan.getKey(), List.of())) {
                if (skip.stream().anyMatch(n -> hits(detection, n))) {
                    continue;
                }
                int hit = -1;
                double nearest = Double.POSITIVE_INFINITY;
                for (int i = 0; i < truth.size(); i++) {
                    Nodule nodule = truth.get(i);
                    double distance = Math.sqrt(square(detection.x() - nodule.x()) + square(detection.y() - nodule.y())
                            + square(detection.z() - nodule.z()));
                    if (distance <= nodule.diameterMm() / 2 && distance < nearest) {
                        nearest = distance;
                        hit = nodules + i;
                    }
                }
                scored.add(new Scored(detection.probability(), hit));
            }
            nodules += truth.size();
        }
        for (String scan : detections.keySet()) {
            if (!references.containsKey(scan)) {
                throw new IllegalArgumentException("detections for scan " + scan + " that has no reference entry");
            }
        }
        scored.sort(Comparator.comparingDouble(Scored::probability).reversed());
        int scans = references.size();
        boolean[] found = new boolean[nodules];
        int hits = 0;
        int falsePositives = 0;
        List<Point> curve = new ArrayList<>();
        for (int i = 0; i < scored.size(); i++) {
            Scored s = scored.get(i);
            if (s.nodule() < 0) {
                falsePositives++;
            } else if (!found[s.nodule()]) {
                found[s.nodule()] = true;
                hits++;
            }
            boolean lastOfThreshold = i + 1 == scored.size() || scored.get(i + 1).probability() < s.probability();
            if (lastOfThreshold) {
                curve.add(new Point(s.probability(), (double) falsePositives / scans,
                        nodules == 0 ? 0 : (double) hits / nodules));
            }
        }
        Result partial = new Result(List.copyOf(curve), 0, nodules, scans);
        double sum = 0;
        for (double rate : CPM_RATES) {
            sum += partial.sensitivityAt(rate);
        }
        return new Result(partial.curve(), sum / CPM_RATES.length, nodules, scans);
    }

    private static boolean hits(Detection d, Nodule n) {
        return Math.sqrt(square(d.x() - n.x()) + square(d.y() - n.y()) + square(d.z() - n.z())) <= n.diameterMm() / 2;
    }

    private static double square(double value) {
        return value * value;
    }
}
