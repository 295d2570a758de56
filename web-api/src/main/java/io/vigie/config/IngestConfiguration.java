package io.vigie.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.vigie.anonymizer.DeidentificationProfile;
import io.vigie.anonymizer.Deidentifier;
import io.vigie.anonymizer.ProfileLoader;
import io.vigie.anonymizer.Pseudonyms;
import io.vigie.anonymizer.vault.VaultCipher;
import io.vigie.archive.Archive;
import io.vigie.archive.quarantine.Quarantine;
import io.vigie.archive.vault.ReidentificationVault;
import io.vigie.ingest.StorePipeline;
import io.vigie.ingest.VaultRecorder;
import io.vigie.metrics.IngestMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The ingest role: the de-identifying store pipeline (profile, pseudonyms, vault, archive, quarantine), its metrics,
 * and the DICOM gateway in front of it (STOW-RS, the other door, is {@code dicomweb.StowController}). Anything
 * wrong in the keys or the profile stops start-up: better no gateway than one that de-identifies less than
 * configured.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole("ingest")
class IngestConfiguration {

    @Bean
    DeidentificationProfile deidentificationProfile(VigieProperties properties) {
        String file = properties.deidentification().profile();
        if (file.isBlank()) {
            return DeidentificationProfile.research();
        }
        try {
            return ProfileLoader.load(Path.of(file.trim()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the de-identification profile " + file + ": " + e, e);
        }
    }

    @Bean
    Deidentifier deidentifier(VigieProperties properties, DeidentificationProfile profile) throws IOException {
        return new Deidentifier(new Pseudonyms(SiteSecrets.load(properties), properties.deidentification().uidRoot()),
                profile);
    }

    @Bean
    VaultCipher vaultCipher(VigieProperties properties) throws IOException {
        return SiteSecrets.vaultCipher(properties);
    }

    @Bean
    VaultRecorder vaultRecorder(VaultCipher cipher, ReidentificationVault vault, VigieProperties properties) {
        return new VaultRecorder(cipher, vault, properties.deidentification().siteId());
    }

    @Bean
    IngestMetrics ingestMetrics(MeterRegistry registry, Quarantine quarantine) {
        return new IngestMetrics(registry, quarantine);
    }

    @Bean
    StorePipeline storePipeline(Deidentifier deidentifier, VaultRecorder vault, Archive archive, Quarantine quarantine,
            VigieProperties properties, IngestMetrics metrics) {
        return new StorePipeline(deidentifier, vault, archive, quarantine, properties.dicom().aeTitle(), metrics);
    }

    @Bean
    DicomGatewayLifecycle dicomGateway(VigieProperties properties, StorePipeline pipeline) {
        return new DicomGatewayLifecycle(properties.dicom(), pipeline);
    }
}
