package io.vigie.archive;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** Brings the index schema up to date with Flyway, outside Spring Boot (tools and tests); Boot does it itself. */
public final class ArchiveSchema {

    private ArchiveSchema() {
    }

    public static void migrate(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    }
}
