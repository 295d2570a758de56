package io.vigie.archive;

import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** Brings the index schema up to date with Flyway, outside Spring Boot (tools and tests); Boot does it itself. */
public final class ArchiveSchema {

    /** The default site of a schema migrated without one (Vigie's own default, {@code vigie.deidentification.site-id}). */
    public static final String DEFAULT_SITE = "local";

    private ArchiveSchema() {
    }

    public static void migrate(DataSource dataSource) {
        migrate(dataSource, DEFAULT_SITE);
    }

    /** @param defaultSite the site of studies indexed before studies had one (V7) and of those stored without one */
    public static void migrate(DataSource dataSource, String defaultSite) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration")
                .placeholders(Map.of("default_site", defaultSite)).load().migrate();
    }
}
