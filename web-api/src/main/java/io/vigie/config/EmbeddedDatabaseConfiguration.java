package io.vigie.config;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The default database: PostgreSQL 17 from embedded binaries, its data kept under {@code <dataDir>/postgres} so the
 * archive index survives restarts (and crashes: commits are synchronous and fsynced; a server left running by a killed
 * Vigie is stopped before the next start). Production sets {@code vigie.database.embedded=false} and points
 * {@code spring.datasource.*} at a real server.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "vigie.database", name = "embedded", havingValue = "true", matchIfMissing = true)
class EmbeddedDatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

    /** As {@code spring.datasource.hikari.connection-timeout} in application.yml for an external database. */
    static final long CONNECTION_TIMEOUT_MILLIS = 5_000;

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(VigieProperties properties) throws IOException {
        Path dataDirectory = Files.createDirectories(properties.dataDir().resolve("postgres")).toAbsolutePath();
        OrphanedPostmaster.stopIfOrphaned(dataDirectory, Duration.ofSeconds(30));
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                // zonky's defaults are for throw-away test databases (fsync off, asynchronous commit): here a commit
                // is what an acknowledged instance rests on, so it must be on disk before the C-STORE response.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .start();
        log.info("embedded PostgreSQL 17 on port {}, data in {}", postgres.getPort(), dataDirectory);
        return postgres;
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(EmbeddedPostgres postgres) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        dataSource.setUsername("postgres");
        dataSource.setMaximumPoolSize(16);
        // With the database gone, a C-STORE gets its failure status after this wait, before senders' DIMSE timeouts.
        dataSource.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
        dataSource.setPoolName("vigie-embedded");
        return dataSource;
    }
}
