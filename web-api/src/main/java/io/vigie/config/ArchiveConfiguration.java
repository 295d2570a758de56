package io.vigie.config;

import io.vigie.archive.Archive;
import io.vigie.archive.index.ArchiveIndex;
import io.vigie.archive.quarantine.Quarantine;
import io.vigie.archive.storage.LocalFileStore;
import io.vigie.archive.vault.ReidentificationVault;
import java.io.IOException;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The archive: files under {@code <dataDir>/archive}, index in the configured database (schema by Flyway); beside it
 * the quarantine, whose identified files stay out of the archive's folders in {@code <dataDir>/quarantine}, and the
 * re-identification vault's table. Every role sees them: the gateway writes, the API reads.
 */
@Configuration(proxyBeanMethods = false)
class ArchiveConfiguration {

    @Bean
    Archive archive(VigieProperties properties, DataSource dataSource) throws IOException {
        return new Archive(new LocalFileStore(properties.dataDir().resolve("archive")), new ArchiveIndex(dataSource));
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
