package io.vigie;

import io.vigie.audit.AuditVerifyCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Vigie in one process: the DICOM gateway, the archive and the API, each switchable by {@code vigie.roles}. With
 * {@code --vigie.audit.verify} it checks the audit trail and exits instead ({@link AuditVerifyCommand}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class VigieApplication {

    public static void main(String[] args) {
        if (AuditVerifyCommand.requested(args)) {
            System.exit(AuditVerifyCommand.run(VigieApplication.class, System.out, args));
        }
        SpringApplication.run(VigieApplication.class, args);
    }
}
