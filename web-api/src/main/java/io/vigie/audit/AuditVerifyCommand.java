package io.vigie.audit;

import io.vigie.archive.audit.AuditChainVerifier;
import io.vigie.archive.audit.AuditVerification;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.stream.Stream;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar vigie.jar --vigie.audit.verify [other settings]}: checks the audit trail's hash chain in the
 * configured database and exits, 0 when intact, 1 naming the first row edited or deleted. It starts Vigie's
 * configuration and database only (no DICOM gateway, no HTTP), so it runs from cron or after a restore without a
 * token, beside a running Vigie on a real PostgreSQL (the embedded database of the default run has one owner: stop
 * Vigie first). The same check is {@code GET /admin/audit/verify}.
 */
public final class AuditVerifyCommand {

    public static final String OPTION = "--vigie.audit.verify";

    private AuditVerifyCommand() {
    }

    public static boolean requested(String... args) {
        return Arrays.asList(args).contains(OPTION);
    }

    /** Runs the check and prints its result; the exit status to give. */
    public static int run(Class<?> application, PrintStream out, String... args) {
        SpringApplication verifier = new SpringApplication(application);
        verifier.setWebApplicationType(WebApplicationType.NONE);
        // no role: neither the gateway nor the API nor the series monitor starts
        String[] onlyTheDatabase = Stream.concat(Arrays.stream(args), Stream.of("--vigie.roles="))
                .toArray(String[]::new);
        try (ConfigurableApplicationContext context = verifier.run(onlyTheDatabase)) {
            AuditVerification result = context.getBean(AuditChainVerifier.class).verify();
            if (result.intact()) {
                out.println("audit trail intact: " + result.rowsChecked() + " rows");
                return 0;
            }
            out.println("audit trail NOT intact at row " + result.firstBadRow() + ": " + result.problem()
                    + " (" + result.rowsChecked() + " rows sound before it)");
            return 1;
        }
    }
}
