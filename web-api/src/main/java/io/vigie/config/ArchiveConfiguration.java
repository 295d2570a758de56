package io.vigie.config;

import io.vigie.archive.Archive;
import io.vigie.archive.index.ArchiveIndex;
import io.vigie.archive.storage.LocalFileStore;
import java.io.IOException;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The archive: files under {@code <dataDir>/archive}, index in the configured database (schema by Flyway). */
@Configuration(proxyBeanMethods = false)
class ArchiveConfiguration {

    @Bean
    Archive archive(VigieProperties properties, DataSource dataSource) throws IOException {
        return new Archive(new LocalFileStore(properties.dataDir().resolve("archive")), new ArchiveIndex(dataSource));
    }
}
