package io.vigie.inference.training;

import io.vigie.inference.detection.NoduleDetector;
import io.vigie.inference.evaluation.Froc;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Scores scans with a detector and measures it by the LUNA16 rules, for nodules of 4 mm and more. */
final class DetectorEvaluation {

    static final double MIN_DIAMETER_MM = 4;

    /** How one reference nodule fared: the best probability of a finding within its radius (0 if none). */
    record NoduleResult(String scan, SyntheticNodule nodule, double bestProbability, boolean found) {
    }

    /**
     * @param falsePositivesAtThreshold per scan, the findings at or above the threshold that lie on no nodule
     */
    record Report(Froc.Result froc, List<NoduleResult> nodules, double secondsPerScan, double threshold,
                  Map<String, Integer> falsePositivesAtThreshold) {

        /** Nodules of 4 mm or more found at the threshold, over those there are. */
        double sensitivityAtThreshold() {
            List<NoduleResult> counted = nodules.stream()
                    .filter(r -> r.nodule().diameterMm() >= MIN_DIAMETER_MM).toList();
            return counted.isEmpty() ? 0 : (double) counted.stream().filter(NoduleResult::found).count()
                    / counted.size();
        }
    }

    private DetectorEvaluation() {
    }

    static Report run(NoduleDetector detector, List<TrainingScan> scans) {
        double threshold = detector.model().threshold();
        Map<String, List<Froc.Nodule>> references = new LinkedHashMap<>();
        Map<String, List<Froc.Nodule>> ignored = new LinkedHashMap<>();
        Map<String, List<Froc.Detection>> detections = new LinkedHashMap<>();
        List<NoduleResult> results = new ArrayList<>();
        Map<String, Integer> falsePositives = new LinkedHashMap<>();
        long start = System.nanoTime();
        for (TrainingScan scan : scans) {
            List<NoduleDetector.Finding> findings = detector.score(scan.volume());
            detections.put(scan.name(), findings.stream().map(f -> new Froc.Detection(
                    f.centreMm()[0], f.centreMm()[1], f.centreMm()[2], f.probability())).toList());
            List<Froc.Nodule> kept = new ArrayList<>();
            List<Froc.Nodule> skipped = new ArrayList<>();
            for (SyntheticNodule n : scan.nodules()) {
                Froc.Nodule reference = new Froc.Nodule(n.centre()[0], n.centre()[1], n.centre()[2], n.diameterMm());
                (n.diameterMm() >= MIN_DIAMETER_MM ? kept : skipped).add(reference);
                double best = findings.stream().filter(f -> PatchSet.within(f.centreMm(), n))
                        .mapToDouble(NoduleDetector.Finding::probability).max().orElse(0);
                results.add(new NoduleResult(scan.name(), n, best, best >= threshold));
            }
            falsePositives.put(scan.name(), (int) findings.stream()
                    .filter(f -> f.probability() >= threshold)
                    .filter(f -> scan.nodules().stream().noneMatch(n -> PatchSet.within(f.centreMm(), n)))
                    .count());
            references.put(scan.name(), kept);
            ignored.put(scan.name(), skipped);
        }
        double seconds = (System.nanoTime() - start) / 1e9 / Math.max(1, scans.size());
        return new Report(Froc.evaluate(references, ignored, detections), results, seconds, threshold,
                falsePositives);
    }
}
