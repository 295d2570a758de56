package io.vigie.config;

import io.vigie.anonymizer.vault.VaultCipher;
import io.vigie.archive.Archive;
import io.vigie.archive.duplicates.DuplicateConflicts;
import io.vigie.archive.index.ArchiveIndex;
import io.vigie.archive.jobs.JobQueue;
import io.vigie.archive.quarantine.Quarantine;
import io.vigie.archive.storage.FileStore;
import io.vigie.archive.storage.LocalFileStore;
import io.vigie.archive.storage.S3FileStore;
import io.vigie.archive.storage.S3Settings;
import io.vigie.archive.vault.ReidentificationVault;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The archive: files in the configured {@link FileStore} ({@code vigie.storage.backend}: {@code <dataDir>/archive}
 * or an S3 bucket), index in the configured database (schema by Flyway); beside it the quarantine, whose identified
 * files stay on this node in {@code <dataDir>/quarantine} whatever the backend, the re-identification vault's table,
 * the record of duplicate conflicts and the job queue. Every role sees them: the gateway writes, the API reads,
 * workers (the inference service) take jobs.
 */
@Configuration(proxyBeanMethods = false)
class ArchiveConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ArchiveConfiguration.class);

    /** Every time Vigie records (arrivals, job leases and back-offs) comes from this clock. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * A local store is cleared at start-up of the temporary files a killed process left; an S3 object is written by
     * one PUT, which leaves nothing behind when interrupted. An S3 store is closed with the context (Spring calls
     * {@code close()}), which releases its connections.
     */
    @Bean
    FileStore archiveFileStore(VigieProperties properties) throws IOException {
        return switch (properties.storage().backend()) {
            case LOCAL -> fileStore(properties.dataDir().resolve("archive"));
            case S3 -> {
                S3Settings settings = properties.storage().s3().settings();
                log.info("archive files in {}", settings.location());
                yield S3FileStore.connect(settings);
            }
        };
    }

    @Bean
    DuplicateConflicts duplicateConflicts(DataSource dataSource) {
        return new DuplicateConflicts(dataSource);
    }

    @Bean
    Archive archive(VigieProperties properties, FileStore archiveFileStore, DataSource dataSource, Clock clock,
            DuplicateConflicts conflicts) {
        return new Archive(archiveFileStore, new ArchiveIndex(dataSource, clock), conflicts,
                properties.archive().duplicatePolicy());
    }

    @Bean
    JobQueue jobQueue(VigieProperties properties, DataSource dataSource, Clock clock) {
        VigieProperties.Jobs jobs = properties.jobs();
        return new JobQueue(dataSource, clock, new JobQueue.Settings(jobs.maxAttempts(), jobs.initialBackoff(),
                jobs.maxBackoff(), jobs.leaseTimeout()));
    }

    /**
     * Quarantined files hold identified data exactly as received (that is why they were not archived), so they never
     * go to the archive's backend, which may be a bucket elsewhere: they stay on this node's disk.
     */
    @Bean
    Quarantine quarantine(VigieProperties properties, DataSource dataSource) throws IOException {
        return new Quarantine(fileStore(properties.dataDir().resolve("quarantine")), dataSource);
    }

    /** A file store, cleared of the temporary files a killed process may have left in it. */
    private static LocalFileStore fileStore(Path root) throws IOException {
        LocalFileStore store = new LocalFileStore(root);
        int removed = store.removeAbandonedWrites();
        if (removed > 0) {
            log.warn("removed {} temporary file(s) of interrupted writes from {}", removed, store.root());
        }
        return store;
    }

    @Bean
    ReidentificationVault reidentificationVault(DataSource dataSource) {
        return new ReidentificationVault(dataSource);
    }

    /** The vault key: the gateway seals originals with it, pseudonym resolution (the API) opens them. */
    @Bean
    VaultCipher vaultCipher(VigieProperties properties) throws IOException {
        return SiteSecrets.vaultCipher(properties);
    }
}
