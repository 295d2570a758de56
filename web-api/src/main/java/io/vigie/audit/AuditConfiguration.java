package io.vigie.audit;

import io.vigie.archive.audit.AuditChainVerifier;
import io.vigie.archive.audit.AuditTrail;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The audit trail (archive, {@code audit_event}) and what records into it from HTTP. */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

    @Bean
    AuditTrail auditTrail(DataSource dataSource) {
        return new AuditTrail(dataSource);
    }

    @Bean
    AuditChainVerifier auditChainVerifier(DataSource dataSource) {
        return new AuditChainVerifier(dataSource);
    }

    @Bean
    AuditWriter auditWriter(AuditTrail trail) {
        return new AuditWriter(trail);
    }

    @Bean
    AuditRecorder auditRecorder(AuditWriter writer, Clock clock) {
        return new AuditRecorder(writer, clock);
    }

    @Bean
    WebMvcConfigurer auditInterceptorRegistration(AuditRecorder recorder) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new AuditInterceptor(recorder));
            }
        };
    }
}
