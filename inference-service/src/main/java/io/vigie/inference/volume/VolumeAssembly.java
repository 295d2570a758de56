package io.vigie.inference.volume;

/** The result of assembling a series: a volume, or the reason the series cannot be analysed. */
public sealed interface VolumeAssembly {

    record Assembled(CtVolume volume) implements VolumeAssembly {
    }

    /** The series is recorded as not analysable with this reason; it is never silently skipped. */
    record NotAnalysable(String reason) implements VolumeAssembly {
    }
}
