package io.vigie.inference.training;

import io.vigie.inference.detection.ModelDescriptor;
import io.vigie.inference.detection.NoduleClassifier;
import io.vigie.inference.detection.NoduleDetector;
import io.vigie.inference.evaluation.Froc;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Scores scans with a saved model and measures it by the LUNA16 rules, for nodules of 4 mm and more. */
final class DetectorEvaluation {

    static final double MIN_DIAMETER_MM = 4;

    /** How one reference nodule fared: the best probability of a candidate within its radius (0 if none). */
    record NoduleResult(String scan, SyntheticNodule nodule, double bestProbability, boolean found) {
    }

    record Report(ModelDescriptor model, Froc.Result froc, List<NoduleResult> nodules, double secondsPerScan) {
    }

    private DetectorEvaluation() {
    }

    static Report run(Path folder, List<TrainingScan> scans) throws Exception {
        ModelDescriptor descriptor = ModelDescriptor.read(folder);
        Map<String, List<Froc.Nodule>> references = new LinkedHashMap<>();
        Map<String, List<Froc.Nodule>> ignored = new LinkedHashMap<>();
        Map<String, List<Froc.Detection>> detections = new LinkedHashMap<>();
        List<NoduleResult> results = new ArrayList<>();
        long start = System.nanoTime();
        try (NoduleClassifier classifier = NoduleClassifier.load(folder, descriptor.name())) {
            NoduleDetector detector = new NoduleDetector(classifier, descriptor.sampler());
            for (TrainingScan scan : scans) {
                List<NoduleDetector.Finding> findings = detector.score(scan.volume());
                detections.put(scan.name(), findings.stream().map(f -> new Froc.Detection(
                        f.candidate().centre()[0], f.candidate().centre()[1], f.candidate().centre()[2],
                        f.probability())).toList());
                List<Froc.Nodule> kept = new ArrayList<>();
                List<Froc.Nodule> skipped = new ArrayList<>();
                for (SyntheticNodule n : scan.nodules()) {
                    Froc.Nodule reference = new Froc.Nodule(n.centre()[0], n.centre()[1], n.centre()[2],
                            n.diameterMm());
                    (n.diameterMm() >= MIN_DIAMETER_MM ? kept : skipped).add(reference);
                    double best = findings.stream().filter(f -> PatchSet.within(f.candidate().centre(), n))
                            .mapToDouble(NoduleDetector.Finding::probability).max().orElse(0);
                    results.add(new NoduleResult(scan.name(), n, best, best >= descriptor.threshold()));
                }
                references.put(scan.name(), kept);
                ignored.put(scan.name(), skipped);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9 / Math.max(1, scans.size());
        return new Report(descriptor, Froc.evaluate(references, ignored, detections), results, seconds);
    }
}
