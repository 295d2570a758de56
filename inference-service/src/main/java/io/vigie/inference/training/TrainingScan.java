package io.vigie.inference.training;

import io.vigie.inference.volume.CtVolume;
import java.util.List;

/** A volume with the nodules known to be in it (inserted, or read from radiologists' annotations). */
public record TrainingScan(String name, CtVolume volume, List<SyntheticNodule> nodules) {
}
