package io.vigie.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.VigieApplication;
import io.vigie.archive.ArchiveSchema;
import io.vigie.archive.audit.AuditEvent;
import io.vigie.archive.audit.AuditEventType;
import io.vigie.archive.audit.AuditOutcome;
import io.vigie.archive.audit.AuditTrail;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

class AuditVerifyCommandTest {

    @Test
    void reportsTheRowEditedInTheDatabaseAndExitsWithOne(@TempDir Path dataDir) throws Exception {
        // the embedded database of this data dir, holding a trail of three rows whose second was edited
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(dataDir.resolve("postgres"))
                .setCleanDataDirectory(false).start()) {
            DataSource database = postgres.getPostgresDatabase();
            ArchiveSchema.migrate(database);
            AuditTrail trail = new AuditTrail(database);
            for (int i = 1; i <= 3; i++) {
                trail.append(new AuditEvent(Instant.now(), AuditEventType.QUERY, AuditOutcome.SUCCESS, "s" + i,
                        null, "researcher", "research", "127.0.0.1", "GET /dicomweb/studies", null, 200, null));
            }
            JdbcClient sql = JdbcClient.create(database);
            sql.sql("alter table audit_event disable trigger audit_event_append_only").update();
            sql.sql("update audit_event set roles = 'admin' where id = 2").update();
            sql.sql("alter table audit_event enable trigger audit_event_append_only").update();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int status = AuditVerifyCommand.run(VigieApplication.class, new PrintStream(out, true, StandardCharsets.UTF_8),
                "--vigie.data-dir=" + dataDir, AuditVerifyCommand.OPTION);

        assertThat(status).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("audit trail NOT intact at row 2: row 2 was edited");
    }
}
