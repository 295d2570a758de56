package io.vigie.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Says, once Vigie is ready, where it listens (API, metrics, DICOM) and how to get a development token. */
@Component
@ConditionalOnWebApplication // not for the audit verify command, which serves nothing
class ReadyBanner {

    private static final Logger log = LoggerFactory.getLogger(ReadyBanner.class);

    private final Environment environment;
    private final ObjectProvider<DicomGatewayLifecycle> gateway;

    ReadyBanner(Environment environment, ObjectProvider<DicomGatewayLifecycle> gateway) {
        this.environment = environment;
        this.gateway = gateway;
    }

    @EventListener(ApplicationReadyEvent.class)
    void announce() {
        String http = "http://localhost:" + environment.getProperty("local.server.port", "8080");
        StringBuilder message = new StringBuilder("\n\nVigie is ready.\n  HTTP API:     ").append(http)
                .append("/dicomweb/studies\n");
        String managementPort = environment.getProperty("local.management.port");
        if (managementPort != null && !managementPort.equals(environment.getProperty("local.server.port"))) {
            message.append("  Metrics:      http://")
                    .append(environment.getProperty("management.server.address", "localhost")).append(':')
                    .append(managementPort).append("/actuator/prometheus   (management port, no token)\n");
        }
        gateway.ifAvailable(g -> message.append("  DICOM:        AE title ").append(g.aeTitle())
                .append(", port ").append(g.port())
                .append("   (storescu -aec ").append(g.aeTitle()).append(" localhost ").append(g.port())
                .append(" FILES...)\n")
                .append("  Query:        findscu -S -aec ").append(g.aeTitle()).append(" localhost ").append(g.port())
                .append(" -k QueryRetrieveLevel=STUDY -k PatientID -k StudyInstanceUID\n"));
        if (environment.getProperty("vigie.security.dev-issuer.enabled", Boolean.class, false)) {
            message.append("  Get a token:  curl -s -X POST '").append(http)
                    .append("/dev-issuer/token?role=radiologist'   (development issuer; roles: radiologist, ")
                    .append("researcher, admin)\n");
        }
        log.info(message.toString());
    }
}
