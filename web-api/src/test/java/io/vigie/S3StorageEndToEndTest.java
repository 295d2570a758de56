package io.vigie;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.archive.storage.FileStore;
import io.vigie.archive.storage.S3FileStore;
import io.vigie.config.DicomGatewayLifecycle;
import io.vigie.dicom.DicomInstance;
import io.vigie.support.ApiClient;
import io.vigie.support.VigieAppTest;
import io.vigie.testing.Dcmtk;
import io.vigie.testing.MultipartRelated;
import io.vigie.testing.S3TestServer;
import io.vigie.testing.SharedData;
import io.vigie.testing.SyntheticUltrasound;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import tools.jackson.databind.json.JsonMapper;

/**
 * The application with {@code vigie.storage.backend=s3} against a real S3 server (S3Proxy on loopback): dcmtk's
 * storescu pushes CT slices, their de-identified files land in the bucket under the prefix, WADO-RS streams them
 * back, and a quarantined instance stays on the local disk.
 */
@VigieAppTest(properties = {"vigie.storage.backend=s3",
        "vigie.storage.s3.bucket=vigie", "vigie.storage.s3.prefix=archive", "vigie.storage.s3.path-style=true",
        "vigie.storage.s3.region=" + S3TestServer.REGION, "vigie.storage.s3.access-key=" + S3TestServer.ACCESS_KEY,
        "vigie.storage.s3.secret-key=" + S3TestServer.SECRET_KEY})
@DirtiesContext
class S3StorageEndToEndTest {

    private static final List<Path> SLICES = SharedData.lidcSlices("LIDC-IDRI-0001").subList(0, 3);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final S3TestServer SERVER = S3TestServer.start();
    private static Path dataDir;

    @DynamicPropertySource
    static void storage(DynamicPropertyRegistry registry) throws Exception {
        SERVER.createBucket("vigie");
        dataDir = Files.createTempDirectory("vigie-s3");
        registry.add("vigie.data-dir", dataDir::toString);
        registry.add("vigie.storage.s3.endpoint", () -> SERVER.endpoint().toString());
    }

    @AfterAll
    static void stopServer() {
        SERVER.close();
    }

    @Autowired
    ApiClient api;

    @Autowired
    DicomGatewayLifecycle gateway;

    @Autowired
    FileStore archiveFileStore;

    @Test
    void archivesInTheBucketAndQuarantinesOnTheLocalDisk(@TempDir Path folder) throws Exception {
        assertThat(archiveFileStore).isInstanceOf(S3FileStore.class);
        Dcmtk.Result sent = Dcmtk.storescu("HOSPITAL_PACS", "VIGIE", gateway.port(), SLICES);
        assertThat(sent.succeeded()).as(sent.output()).isTrue();

        List<String> keys = bucketKeys();
        assertThat(keys).hasSize(SLICES.size()).allMatch(k -> k.startsWith("archive/") && k.endsWith(".dcm"));
        assertThat(dataDir.resolve("archive")).doesNotExist();

        String token = api.token("radiologist");
        String study = keys.get(0).split("/")[1];
        List<MultipartRelated.Part> parts = api.retrieveInstances("/dicomweb/studies/" + study, token);
        assertThat(parts).hasSize(SLICES.size());
        DicomInstance original;
        try (InputStream in = Files.newInputStream(SLICES.get(0))) {
            original = DicomInstance.readPart10(in);
        }
        assertThat(parts).anySatisfy(part -> assertThat(
                DicomInstance.readPart10(new ByteArrayInputStream(part.body())).bytes("PixelData"))
                .isEqualTo(original.bytes("PixelData")));

        Path ultrasound = SyntheticUltrasound.write(folder.resolve("us.dcm"));
        Dcmtk.Result quarantined = Dcmtk.storescuVerbose("US_CART", "VIGIE", gateway.port(), List.of(ultrasound));
        assertThat(quarantined.output()).contains("Error: CannotUnderstand");
        try (Stream<Path> files = Files.walk(dataDir.resolve("quarantine"))) {
            assertThat(files.filter(Files::isRegularFile)).hasSize(1);
        }
        assertThat(bucketKeys()).hasSize(SLICES.size());
    }

    private static List<String> bucketKeys() {
        try (S3Client s3 = S3Client.builder().endpointOverride(SERVER.endpoint()).forcePathStyle(true)
                .region(Region.of(S3TestServer.REGION)).httpClientBuilder(Apache5HttpClient.builder())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(S3TestServer.ACCESS_KEY, S3TestServer.SECRET_KEY)))
                .build()) {
            return s3.listObjectsV2(r -> r.bucket("vigie")).contents().stream().map(S3Object::key).toList();
        }
    }
}
