package io.vigie.inference.training;

import io.vigie.inference.evaluation.Froc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Evaluates the committed model on the held-out set (other seeds, other CT background than training) and writes the
 * table into docs/model-card.md between its evaluation markers. Run: ./mvnw -pl inference-service -am test-compile
 * exec:java@evaluate-detector [-Dexec.args=PHANTOMS]
 */
public final class EvaluateDetector {

    static final String START = "<!-- evaluation:start -->";
    static final String END = "<!-- evaluation:end -->";

    private EvaluateDetector() {
    }

    public static void main(String[] args) throws Exception {
        int phantoms = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        List<TrainingScan> scans = DetectorExperiment.heldOut(phantoms);
        DetectorEvaluation.Report report = DetectorEvaluation.run(DetectorExperiment.modelFolder(), scans);
        String table = table(report, phantoms);
        System.out.println(table);
        Path card = Path.of(Files.isDirectory(Path.of("docs")) ? "docs" : "../docs").resolve("model-card.md");
        String text = Files.readString(card);
        int from = text.indexOf(START);
        int to = text.indexOf(END);
        if (from < 0 || to < from) {
            throw new IllegalStateException(card + " has no evaluation markers");
        }
        Files.writeString(card, text.substring(0, from + START.length()) + "\n" + table + text.substring(to));
        System.out.println("written to " + card.toAbsolutePath());
    }

    static String table(DetectorEvaluation.Report report, int phantoms) {
        Froc.Result froc = report.froc();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Held-out set: %d phantoms (seeds %d+) and LIDC-IDRI-0001 with inserted "
                        + "nodules plus its real nodule; %d reference nodules >= 4 mm in %d scans. Model %s v%s, "
                        + "threshold %.4f.%n%n", phantoms, DetectorExperiment.HELD_OUT_SEED, froc.nodules(),
                froc.scans(), report.model().name(), report.model().version(), report.model().threshold()));
        out.append("| FP per scan | 1/8 | 1/4 | 1/2 | 1 | 2 | 4 | 8 | CPM |\n|---|---|---|---|---|---|---|---|---|\n");
        out.append("| sensitivity |");
        for (double rate : Froc.CPM_RATES) {
            out.append(String.format(Locale.ROOT, " %.3f |", froc.sensitivityAt(rate)));
        }
        out.append(String.format(Locale.ROOT, " **%.3f** |%n%n", froc.cpm()));
        out.append("| nodule | type | diameter (mm) | best probability | found at threshold |\n|---|---|---|---|---|\n");
        for (DetectorEvaluation.NoduleResult r : report.nodules()) {
            if (!r.scan().startsWith("LIDC")) {
                continue;
            }
            out.append(String.format(Locale.ROOT, "| %s %s | %s | %.1f | %.3f | %s |%n", r.scan(),
                    r.nodule() == DetectorExperiment.LIDC_0001_NODULE ? "(real, LUNA16 reference)" : "(inserted)",
                    r.nodule().type(), r.nodule().diameterMm(), r.bestProbability(), r.found() ? "yes" : "no"));
        }
        long found = report.nodules().stream().filter(r -> r.nodule().diameterMm() >= 4 && r.found()).count();
        long total = report.nodules().stream().filter(r -> r.nodule().diameterMm() >= 4).count();
        out.append(String.format(Locale.ROOT, "%nAt the threshold: %d of %d nodules >= 4 mm found; %.1f s per scan "
                + "(CPU, including lung mask and candidates).%n", found, total, report.secondsPerScan()));
        return out.toString();
    }
}
