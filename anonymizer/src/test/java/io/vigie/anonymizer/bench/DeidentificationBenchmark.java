package io.vigie.anonymizer.bench;

import io.vigie.anonymizer.DeidentificationProfile;
import io.vigie.anonymizer.Deidentifier;
import io.vigie.anonymizer.Pseudonyms;
import io.vigie.anonymizer.SiteSecret;
import io.vigie.dicom.DicomInstance;
import io.vigie.testing.BrokenDicom;
import io.vigie.testing.SharedData;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What de-identification costs per 512x512 CT instance (a real LIDC-IDRI slice, 16-bit, about 0.5 MB), as the
 * gateway does it: parse the received data set, de-identify it with the research profile, encode the Part 10 file.
 * The difference between {@code parse} and {@code parseAndDeidentify} is the anonymizer's own cost.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgs = {"-Xmx1g"})
public class DeidentificationBenchmark {

    private static final String EXPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2.1";

    private byte[] dataSet;
    private Deidentifier deidentifier;

    @Setup
    public void setUp() {
        dataSet = BrokenDicom.dataSet(SharedData.lidcSlices("LIDC-IDRI-0001").get(0));
        byte[] secret = new byte[32];
        java.util.Arrays.fill(secret, (byte) 7);
        deidentifier = new Deidentifier(new Pseudonyms(new SiteSecret(secret), "2.25"),
                DeidentificationProfile.research());
    }

    @Benchmark
    public DicomInstance parse() throws Exception {
        return DicomInstance.readDataSet(dataSet, EXPLICIT_VR_LITTLE_ENDIAN);
    }

    @Benchmark
    public DicomInstance parseAndDeidentify() throws Exception {
        DicomInstance instance = DicomInstance.readDataSet(dataSet, EXPLICIT_VR_LITTLE_ENDIAN);
        deidentifier.deidentify(instance);
        return instance;
    }

    @Benchmark
    public byte[] parseDeidentifyAndEncode() throws Exception {
        DicomInstance instance = DicomInstance.readDataSet(dataSet, EXPLICIT_VR_LITTLE_ENDIAN);
        deidentifier.deidentify(instance);
        return instance.toPart10("VIGIE");
    }
}
