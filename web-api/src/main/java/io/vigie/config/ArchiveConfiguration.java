package io.vigie.config;

import io.vigie.archive.Archive;
import io.vigie.archive.duplicates.DuplicateConflicts;
import io.vigie.archive.index.ArchiveIndex;
import io.vigie.archive.jobs.JobQueue;
import io.vigie.archive.quarantine.Quarantine;
import io.vigie.archive.storage.LocalFileStore;
import io.vigie.archive.vault.ReidentificationVault;
import java.io.IOException;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The archive: files under {@code <dataDir>/archive}, index in the configured database (schema by Flyway); beside it
 * the quarantine, whose identified files stay out of the archive's folders in {@code <dataDir>/quarantine}, and the
 * re-identification vault's table, the record of duplicate conflicts and the job queue. Every role sees them: the
 * gateway writes, the API reads, workers (the inference service) take jobs.
 */
@Configuration(proxyBeanMethods = false)
class ArchiveConfiguration {

    /** Every time Vigie records (arrivals, job leases and back-offs) comes from this clock. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    DuplicateConflicts duplicateConflicts(DataSource dataSource) {
        return new DuplicateConflicts(dataSource);
    }

    @Bean
    Archive archive(VigieProperties properties, DataSource dataSource, Clock clock, DuplicateConflicts conflicts)
            throws IOException {
        return new Archive(new LocalFileStore(properties.dataDir().resolve("archive")),
                new ArchiveIndex(dataSource, clock), conflicts, properties.archive().duplicatePolicy());
    }

    @Bean
    JobQueue jobQueue(VigieProperties properties, DataSource dataSource, Clock clock) {
        VigieProperties.Jobs jobs = properties.jobs();
        return new JobQueue(dataSource, clock, new JobQueue.Settings(jobs.maxAttempts(), jobs.initialBackoff(),
                jobs.maxBackoff(), jobs.leaseTimeout()));
    }

    @Bean
    Quarantine quarantine(VigieProperties properties, DataSource dataSource) throws IOException {
        return new Quarantine(new LocalFileStore(properties.dataDir().resolve("quarantine")), dataSource);
    }

    @Bean
    ReidentificationVault reidentificationVault(DataSource dataSource) {
        return new ReidentificationVault(dataSource);
    }
}
