package io.vigie.inference.training;

/** The kinds of synthetic nodule the training data covers. */
public enum NoduleType {
    /** Dense throughout (about 0 to +60 HU). */
    SOLID,
    /** A ground-glass halo around a solid core. */
    PART_SOLID,
    /** Hazy increase of density only (about -700 to -450 HU). */
    GROUND_GLASS,
    /** Solid, touching the pleura (the lung's edge). */
    JUXTA_PLEURAL,
    /** Solid, touching a vessel. */
    JUXTA_VASCULAR
}
