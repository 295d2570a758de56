package io.vigie.inference.volume;

import io.vigie.dicom.DicomInstance;
import io.vigie.testing.ChestPhantom;
import io.vigie.testing.MappedFile;
import io.vigie.testing.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The CT volumes the detector's tests run on: a synthetic chest, or the real LIDC-IDRI-0001. */
public final class TestVolumes {

    private TestVolumes() {
    }

    /** A chest phantom as a volume whose first voxel lies at the origin, axes along the patient's. */
    public static CtVolume of(ChestPhantom.Volume phantom) {
        return new CtVolume(phantom.width(), phantom.height(), phantom.depth(), phantom.hu(), phantom.spacing(),
                new double[] {0, 0, 0}, new double[] {1, 0, 0}, new double[] {0, 1, 0}, new double[] {0, 0, 1},
                List.of());
    }

    /** The instances of a LIDC-IDRI case of {@code ../shared/data}, parsed as the detection worker parses a series. */
    public static List<DicomInstance> lidcInstances(String patient) throws IOException, SeriesParser.UnparsableFile {
        List<Path> files = SharedData.lidcSlices(patient);
        return SeriesParser.parse(files.size(), i -> MappedFile.of(files.get(i)));
    }

    /** A LIDC-IDRI case's slices, assembled as the detector would assemble them. */
    public static CtVolume lidc(String patient) throws IOException, SeriesParser.UnparsableFile {
        return ((VolumeAssembly.Assembled) VolumeAssembler.assemble(lidcInstances(patient))).volume();
    }

    /** LIDC-IDRI-0001's 16 slices, assembled. */
    public static CtVolume lidc0001() throws IOException, SeriesParser.UnparsableFile {
        return lidc("LIDC-IDRI-0001");
    }
}
