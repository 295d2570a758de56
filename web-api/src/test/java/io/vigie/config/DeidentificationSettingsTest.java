package io.vigie.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigie.anonymizer.DeidentificationProfile;
import io.vigie.anonymizer.Pseudonyms;
import io.vigie.anonymizer.vault.VaultCipher;
import io.vigie.archive.DuplicatePolicy;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/** The de-identification settings as start-up reads them: the vault key and the profile. */
class DeidentificationSettingsTest {

    @TempDir
    Path dataDir;

    @Test
    void generatesTheVaultKeyOnceWithOwnerOnlyPermissions() throws Exception {
        VaultCipher first = SiteSecrets.vaultCipher(properties("", ""));
        Path file = dataDir.resolve("secrets/vault-key");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Base64.getDecoder().decode(Files.readString(file))).hasSize(VaultCipher.KEY_BYTES);
        VaultCipher again = SiteSecrets.vaultCipher(properties("", ""));
        assertThat(again.open(first.seal("LIDC-IDRI-0001", "row"), "row")).isEqualTo("LIDC-IDRI-0001");
        assertThat(dataDir.resolve("secrets/site-secret")).doesNotExist(); // each key has its own file
    }

    @Test
    void givesEachSiteItsOwnGeneratedPseudonymSecret() throws Exception {
        VigieProperties properties = properties("", "");
        String local = new Pseudonyms(SiteSecrets.load(properties, "local"), "2.25").patientId("P1");
        String siteA = new Pseudonyms(SiteSecrets.load(properties, "site-a"), "2.25").patientId("P1");
        String siteAAgain = new Pseudonyms(SiteSecrets.load(properties, "site-a"), "2.25").patientId("P1");

        assertThat(siteA).isNotEqualTo(local).isEqualTo(siteAAgain);
        Path file = dataDir.resolve("secrets/site-secret-site-a");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(dataDir.resolve("secrets/site-secret")).exists(); // the default site keeps its file
        assertThatThrownBy(() -> SiteSecrets.load(properties, "../escape"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("site id");
    }

    @Test
    void usesAConfiguredVaultKeyAndRefusesABadOne() throws Exception {
        String key = Base64.getEncoder().encodeToString(new byte[VaultCipher.KEY_BYTES]);
        byte[] sealed = new VaultCipher(new byte[VaultCipher.KEY_BYTES]).seal("x", "row");
        assertThat(SiteSecrets.vaultCipher(properties(key, "")).open(sealed, "row")).isEqualTo("x");
        assertThat(dataDir.resolve("secrets/vault-key")).doesNotExist();

        assertThatThrownBy(() -> SiteSecrets.vaultCipher(properties("not base64!", "")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("vigie.deidentification.vault-key");
        assertThatThrownBy(() -> SiteSecrets.vaultCipher(properties(
                Base64.getEncoder().encodeToString(new byte[16]), "")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exactly 32 bytes");
    }

    @Test
    void loadsTheResearchProfileByDefaultAndRefusesABadProfileFile() throws Exception {
        IngestConfiguration configuration = new IngestConfiguration();
        assertThat(configuration.deidentificationProfile(properties("", "")).name())
                .isEqualTo(DeidentificationProfile.research().name());

        Path bad = Files.writeString(dataDir.resolve("bad-profile.yaml"), "name: x\noptions: [NOT_AN_OPTION]\n");
        assertThatThrownBy(() -> configuration.deidentificationProfile(properties("", bad.toString())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad-profile.yaml");
        assertThatThrownBy(() -> configuration.deidentificationProfile(properties("",
                dataDir.resolve("missing.yaml").toString())))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("missing.yaml");
    }

    private VigieProperties properties(String vaultKey, String profile) {
        return new VigieProperties(dataDir, Set.of("ingest", "api"),
                new VigieProperties.Dicom("VIGIE", "127.0.0.1", 0, 8, 65536, Duration.ofSeconds(60),
                        DataSize.ofMegabytes(512), List.of()),
                new VigieProperties.Deidentification("", "2.25", "local", vaultKey, profile),
                new VigieProperties.Database(true),
                new VigieProperties.ArchiveSettings(DuplicatePolicy.KEEP_FIRST),
                new VigieProperties.Ingest(Duration.ofSeconds(30), Duration.ofSeconds(5)),
                new VigieProperties.Jobs(5, Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofMinutes(10)),
                new VigieProperties.Storage(VigieProperties.Storage.Backend.LOCAL,
                        new VigieProperties.S3("", "us-east-1", "", "", false, "", "", true)),
                new VigieProperties.Dicomweb(new VigieProperties.Stow(DataSize.ofMegabytes(512)),
                        DataSize.ofKilobytes(128)));
    }
}
