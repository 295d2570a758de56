package io.vigie.config;

import io.vigie.archive.Archive;
import io.vigie.archive.index.ArchiveIndex;
import io.vigie.archive.quarantine.Quarantine;
import io.vigie.archive.storage.FileStore;
import io.vigie.archive.storage.LocalFileStore;
import io.vigie.archive.storage.S3FileStore;
import io.vigie.archive.storage.S3Settings;
import io.vigie.archive.vault.ReidentificationVault;
import java.io.IOException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The archive: files in the configured {@link FileStore} ({@code vigie.storage.backend}: {@code <dataDir>/archive}
 * or an S3 bucket), index in the configured database (schema by Flyway); beside it the quarantine, whose identified
 * files stay on this node in {@code <dataDir>/quarantine} whatever the backend, and the re-identification vault's
 * table. Every role sees them: the gateway writes, the API reads.
 */
@Configuration(proxyBeanMethods = false)
class ArchiveConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ArchiveConfiguration.class);

    /** An S3 store is closed with the context (Spring calls {@code close()}), which releases its connections. */
    @Bean
    FileStore archiveFileStore(VigieProperties properties) throws IOException {
        return switch (properties.storage().backend()) {
            case LOCAL -> new LocalFileStore(properties.dataDir().resolve("archive"));
            case S3 -> {
                S3Settings settings = properties.storage().s3().settings();
                log.info("archive files in {}", settings.location());
                yield S3FileStore.connect(settings);
            }
        };
    }

    @Bean
    Archive archive(FileStore archiveFileStore, DataSource dataSource) {
        return new Archive(archiveFileStore, new ArchiveIndex(dataSource));
    }

    /**
     * Quarantined files hold identified data exactly as received (that is why they were not archived), so they never
     * go to the archive's backend, which may be a bucket elsewhere: they stay on this node's disk.
     */
    @Bean
    Quarantine quarantine(VigieProperties properties, DataSource dataSource) throws IOException {
        return new Quarantine(new LocalFileStore(properties.dataDir().resolve("quarantine")), dataSource);
    }

    @Bean
    ReidentificationVault reidentificationVault(DataSource dataSource) {
        return new ReidentificationVault(dataSource);
    }
}
