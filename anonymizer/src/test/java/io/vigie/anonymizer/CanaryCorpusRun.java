package io.vigie.anonymizer;

import io.vigie.anonymizer.ConfidentialityTable.Row;
import io.vigie.dicom.DicomInstance;
import io.vigie.testing.PhiCanaryCorpus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The PHI-canary corpus of src-test-fixtures, planted in every attribute of Table E.1-1, and its de-identified
 * outputs under one profile. Shared by the leak, dciodvfy and gdcmanon tests.
 */
final class CanaryCorpusRun {

    static final Pseudonyms PSEUDONYMS = new Pseudonyms(new SiteSecret(filled('c')), "2.25");

    final PhiCanaryCorpus corpus;
    final DeidentificationProfile profile;
    /** The de-identified file of each corpus file, by input path. */
    final Map<Path, Path> outputs = new LinkedHashMap<>();
    /** The files the profile quarantined, with the reason. */
    final Map<Path, String> quarantined = new LinkedHashMap<>();

    private CanaryCorpusRun(PhiCanaryCorpus corpus, DeidentificationProfile profile) {
        this.corpus = corpus;
        this.profile = profile;
    }

    /** Every plain tag of the table (repeating groups and private attributes are planted by the corpus itself). */
    static List<Integer> tableTags() {
        List<Integer> tags = new ArrayList<>();
        for (Row row : ConfidentialityTable.standard().rows()) {
            if (!row.isWildcard() && !row.tag().equals(ConfidentialityTable.PRIVATE_ROW_TAG)) {
                tags.add(Integer.parseUnsignedInt(row.tag(), 16));
            }
        }
        return tags;
    }

    static PhiCanaryCorpus writeCorpus(Path folder) throws IOException {
        return PhiCanaryCorpus.write(folder, tableTags());
    }

    static CanaryCorpusRun deidentify(PhiCanaryCorpus corpus, DeidentificationProfile profile, Path outputFolder)
            throws Exception {
        CanaryCorpusRun run = new CanaryCorpusRun(corpus, profile);
        Files.createDirectories(outputFolder);
        Deidentifier deidentifier = new Deidentifier(PSEUDONYMS, profile);
        for (PhiCanaryCorpus.CorpusFile file : corpus.files()) {
            DicomInstance instance = read(file.path());
            try {
                deidentifier.deidentify(instance);
            } catch (QuarantineException e) {
                run.quarantined.put(file.path(), e.reason());
                continue;
            }
            Path output = outputFolder.resolve(file.path().getFileName());
            Files.write(output, instance.toPart10("VIGIE"));
            run.outputs.put(file.path(), output);
        }
        return run;
    }

    /**
     * A profile with a clean-pixel rule for the corpus's ultrasound device, so that the ultrasound file is
     * de-identified (and scanned) rather than quarantined.
     */
    static DeidentificationProfile withRuleForUltrasound(DeidentificationProfile profile, PhiCanaryCorpus corpus)
            throws Exception {
        PhiCanaryCorpus.CorpusFile us = corpus.files().stream()
                .filter(f -> f.kind() == PhiCanaryCorpus.Kind.US).findFirst().orElseThrow();
        DicomInstance instance = read(us.path());
        CleanPixelRule rule = new CleanPixelRule(instance.string("Manufacturer"),
                instance.string("ManufacturerModelName"), instance.integer("Rows"), instance.integer("Columns"),
                List.of(new CleanPixelRule.Region(0, 0, instance.integer("Columns"), 2)));
        return new DeidentificationProfile(profile.name() + "+us-rule", profile.options(),
                profile.safePrivateAttributes(), List.of(rule), profile.descriptorWords());
    }

    static DicomInstance read(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return DicomInstance.readPart10(in);
        }
    }

    private static byte[] filled(char fill) {
        byte[] secret = new byte[32];
        Arrays.fill(secret, (byte) fill);
        return secret;
    }
}
