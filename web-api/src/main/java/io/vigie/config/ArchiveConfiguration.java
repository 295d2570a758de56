package io.vigie.config;

import io.vigie.archive.Archive;
import io.vigie.archive.index.ArchiveIndex;
import io.vigie.archive.quarantine.Quarantine;
import io.vigie.archive.storage.LocalFileStore;
import io.vigie.archive.vault.ReidentificationVault;
import java.io.IOException;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The archive: files under {@code <dataDir>/archive}, index in the configured database (schema by Flyway); beside it
 * the quarantine, whose identified files stay out of the archive's folders in {@code <dataDir>/quarantine}, and the
 * re-identification vault's table. Every role sees them: the gateway writes, the API reads.
 */
@Configuration(proxyBeanMethods = false)
class ArchiveConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ArchiveConfiguration.class);

    @Bean
    Archive archive(VigieProperties properties, DataSource dataSource) throws IOException {
        return new Archive(fileStore(properties.dataDir().resolve("archive")), new ArchiveIndex(dataSource));
    }

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
}
