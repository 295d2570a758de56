package io.vigie.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigie.archive.storage.S3Settings;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@code vigie.storage.*} as application.yml and the environment spell it, bound the way Spring Boot binds it. */
class StorageSettingsTest {

    @Test
    void theLocalBackendIsTheDefault() {
        VigieProperties.Storage storage = bind(Map.of()).storage();

        assertThat(storage.backend()).isEqualTo(VigieProperties.Storage.Backend.LOCAL);
        assertThat(storage.s3().conditionalWrites()).isTrue();
    }

    @Test
    void bindsAnS3CompatibleServer() {
        VigieProperties.Storage storage = bind(Map.of(
                "vigie.storage.backend", "s3",
                "vigie.storage.s3.endpoint", "http://minio.hospital.local:9000",
                "vigie.storage.s3.bucket", "vigie",
                "vigie.storage.s3.prefix", "site-a/archive/",
                "vigie.storage.s3.path-style", "true",
                "vigie.storage.s3.access-key", "vigie",
                "vigie.storage.s3.secret-key", "do-not-print",
                "vigie.storage.s3.conditional-writes", "false")).storage();

        assertThat(storage.backend()).isEqualTo(VigieProperties.Storage.Backend.S3);
        S3Settings settings = storage.s3().settings();
        assertThat(settings.endpoint()).isEqualTo(URI.create("http://minio.hospital.local:9000"));
        assertThat(settings.region()).isEqualTo("us-east-1");
        assertThat(settings.prefix()).isEqualTo("site-a/archive/");
        assertThat(settings.pathStyle()).isTrue();
        assertThat(settings.secretKey()).isEqualTo("do-not-print");
        assertThat(settings.conditionalWrites()).isFalse();
        assertThat(storage.s3().toString()).doesNotContain("do-not-print");
        assertThat(settings.toString()).doesNotContain("do-not-print");
    }

    @Test
    void noKeysMeansTheDefaultCredentialChain() {
        S3Settings settings = bind(Map.of("vigie.storage.s3.bucket", "vigie")).storage().s3().settings();

        assertThat(settings.endpoint()).isNull();
        assertThat(settings.accessKey()).isNull();
        assertThat(settings.secretKey()).isNull();
    }

    @Test
    void anS3BackendWithoutABucketOrWithHalfAKeyPairIsRefused() {
        assertThatThrownBy(() -> bind(Map.of("vigie.storage.backend", "s3")).storage().s3().settings())
                .hasMessageContaining("vigie.storage.s3.bucket");
        assertThatThrownBy(() -> bind(Map.of("vigie.storage.s3.bucket", "vigie",
                "vigie.storage.s3.access-key", "vigie")).storage().s3().settings())
                .hasMessageContaining("secret key");
    }

    private static VigieProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("vigie", VigieProperties.class);
    }
}
