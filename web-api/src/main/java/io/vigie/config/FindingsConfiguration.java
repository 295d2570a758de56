package io.vigie.config;

import io.vigie.inference.findings.FindingsStore;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The analyses and findings (V6): written by the inference role's workers, read and reviewed through the API. */
@Configuration(proxyBeanMethods = false)
class FindingsConfiguration {

    @Bean
    FindingsStore findingsStore(DataSource dataSource, Clock clock) {
        return new FindingsStore(dataSource, clock);
    }
}
