package io.vigie.inference.training;

import io.vigie.inference.detection.LungMask;
import io.vigie.inference.volume.CtVolume;
import io.vigie.inference.volume.TestVolumes;
import io.vigie.testing.ChestPhantom;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * The data of the detector's experiments, built here from seeds: synthetic chest phantoms (src-test-fixtures) and the
 * real LIDC-IDRI slices (../shared/data), each with nodules of every type inserted. Training, validation (operating
 * point) and held-out evaluation use disjoint seeds and disjoint CT backgrounds: training sees phantoms 1000+ and
 * LIDC-IDRI-0002, validation phantoms 2000+, the held-out test phantoms 3000+ and LIDC-IDRI-0001 with its real
 * 23 mm nodule. (The LIDC reads hold no other nodule of 3 mm or more within the shared slices: LIDC-IDRI-0002's
 * readers outlined one below them, and marked only sub-3 mm points inside them.)
 */
final class DetectorExperiment {

    /** The LUNA16 reference of the real nodule of LIDC-IDRI-0001 (../shared/data/README.md). */
    static final SyntheticNodule LIDC_0001_NODULE = new SyntheticNodule(NoduleType.SOLID, null,
            new double[] {56.2, 86.3, -115.9}, 23.4);

    static final int TRAIN_SEED = 1_000;
    static final int VALIDATION_SEED = 2_000;
    static final int HELD_OUT_SEED = 3_000;
    static final int NODULES_PER_PHANTOM = 10;
    static final int NODULES_PER_LIDC = 4;
    /** LIDC-IDRI-0002 is the only real lung of training: it appears this many times with other nodules. */
    static final int LIDC_TRAINING_COPIES = 6;

    private static final NoduleType[] TYPES = NoduleType.values();

    private DetectorExperiment() {
    }

    static List<TrainingScan> training(int phantoms) throws Exception {
        List<TrainingScan> scans = phantoms(TRAIN_SEED, phantoms);
        for (int copy = 0; copy < LIDC_TRAINING_COPIES; copy++) {
            scans.add(withNodules("LIDC-IDRI-0002#" + copy, TestVolumes.lidc("LIDC-IDRI-0002"), TRAIN_SEED + copy,
                    NODULES_PER_LIDC, List.of()));
        }
        return scans;
    }

    static List<TrainingScan> validation(int phantoms) {
        return phantoms(VALIDATION_SEED, phantoms);
    }

    static List<TrainingScan> heldOut(int phantoms) throws Exception {
        List<TrainingScan> scans = phantoms(HELD_OUT_SEED, phantoms);
        scans.add(withNodules("LIDC-IDRI-0001", TestVolumes.lidc0001(), HELD_OUT_SEED, NODULES_PER_LIDC,
                List.of(LIDC_0001_NODULE)));
        return scans;
    }

    static List<TrainingScan> phantoms(int firstSeed, int count) {
        List<TrainingScan> scans = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int seed = firstSeed + i;
            scans.add(withNodules("phantom-" + seed, phantom(seed), seed, NODULES_PER_PHANTOM, List.of()));
        }
        return scans;
    }

    static CtVolume phantom(long seed) {
        return TestVolumes.of(ChestPhantom.generate(seed, 256, 256, 48, new double[] {1.4, 1.4, 2.5}));
    }

    /** Inserts nodules of every type, 3 to 30 mm (log-uniform), none larger than the volume's extent allows. */
    static TrainingScan withNodules(String name, CtVolume volume, long seed, int count,
            List<SyntheticNodule> alreadyThere) {
        Random random = new Random(seed * 31 + name.hashCode());
        NoduleSynthesizer synthesizer = new NoduleSynthesizer(seed * 17 + name.hashCode());
        boolean[] lungs = LungMask.segment(volume);
        double maxDiameter = Math.min(30, volume.depth() * volume.spacing()[2] * 0.6);
        List<SyntheticNodule> nodules = new ArrayList<>(alreadyThere);
        for (int i = 0; i < count; i++) {
            NoduleType type = TYPES[random.nextInt(TYPES.length)];
            double diameter = Math.exp(Math.log(3) + random.nextDouble() * (Math.log(maxDiameter) - Math.log(3)));
            Optional<SyntheticNodule> inserted = synthesizer.insert(volume, lungs, type, diameter, nodules);
            inserted.ifPresent(nodules::add);
        }
        return new TrainingScan(name, volume, List.copyOf(nodules));
    }

    /** The repository root, whether run from it (exec:java) or from the module (surefire). */
    static Path repositoryRoot() {
        return Files.isDirectory(Path.of("inference-service")) ? Path.of(".") : Path.of("..");
    }

    /** The committed models folder (vigie.inference.models-dir): models/ at the repository root. */
    static Path modelsFolder() {
        return repositoryRoot().resolve("models");
    }
}
