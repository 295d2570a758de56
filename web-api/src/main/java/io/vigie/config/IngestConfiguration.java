package io.vigie.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.vigie.anonymizer.DeidentificationProfile;
import io.vigie.anonymizer.Deidentifier;
import io.vigie.anonymizer.ProfileLoader;
import io.vigie.anonymizer.Pseudonyms;
import io.vigie.anonymizer.vault.VaultCipher;
import io.vigie.archive.Archive;
import io.vigie.archive.jobs.JobQueue;
import io.vigie.archive.jobs.SeriesCompletionMonitor;
import io.vigie.archive.quarantine.Quarantine;
import io.vigie.archive.vault.ReidentificationVault;
import io.vigie.ingest.Site;
import io.vigie.ingest.StorePipeline;
import io.vigie.ingest.VaultRecorder;
import io.vigie.ingest.query.QueryRetrieveService;
import io.vigie.metrics.IngestMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The ingest role: the de-identifying store pipeline (profile, pseudonyms, vault, archive, quarantine) and its
 * metrics, the archive read access query/retrieve answers from, the DICOM gateway in front of both (STOW-RS, the
 * other door into the pipeline, is {@code dicomweb.StowController}), and the series completion monitor that turns
 * complete series into jobs. Anything wrong in the keys or the profile stops start-up: better no gateway than one
 * that de-identifies less than configured.
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
    IngestMetrics ingestMetrics(MeterRegistry registry, Quarantine quarantine) {
        return new IngestMetrics(registry, quarantine);
    }

    /**
     * One de-identifier per site, each with its own pseudonym secret: the default site
     * ({@code vigie.deidentification.site-id}, first), then every site named by a peer or under {@code vigie.sites}.
     * All share the profile and the vault key; the vault files each original under its site.
     */
    @Bean
    StorePipeline storePipeline(DeidentificationProfile profile, VaultCipher cipher, ReidentificationVault vault,
            Archive archive, Quarantine quarantine, VigieProperties properties, IngestMetrics metrics)
            throws IOException {
        List<Site> sites = new ArrayList<>();
        for (String id : properties.siteIds()) {
            sites.add(new Site(new Deidentifier(new Pseudonyms(SiteSecrets.load(properties, id),
                    properties.deidentification().uidRoot()), profile), new VaultRecorder(cipher, vault, id)));
        }
        return new StorePipeline(sites, archive, quarantine, properties.dicom().aeTitle(), metrics);
    }

    /** C-FIND, C-GET and C-MOVE read the archive, which holds de-identified data only. */
    @Bean
    QueryRetrieveService queryRetrieveService(Archive archive, VigieProperties properties) {
        return new QueryRetrieveService(archive, properties.dicom().aeTitle());
    }

    @Bean
    DicomGatewayLifecycle dicomGateway(VigieProperties properties, StorePipeline pipeline,
            QueryRetrieveService queries) {
        return new DicomGatewayLifecycle(properties.dicom(), pipeline, queries);
    }

    @Bean
    SeriesCompletionMonitor seriesCompletionMonitor(JobQueue jobs, VigieProperties properties) {
        return new SeriesCompletionMonitor(jobs, properties.ingest().seriesQuietPeriod(),
                SeriesCompletionMonitor.DEFAULT_JOB_KINDS);
    }

    @Bean
    SeriesCompletionSchedule seriesCompletionSchedule(SeriesCompletionMonitor monitor, VigieProperties properties) {
        return new SeriesCompletionSchedule(monitor, properties.ingest().seriesCheckInterval());
    }
}
