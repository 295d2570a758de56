package io.vigie.research;

import io.vigie.archive.research.ResearchIndex;
import io.vigie.config.ConditionalOnRole;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The research API's read side of the index. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole("api")
class ResearchConfiguration {

    @Bean
    ResearchIndex researchIndex(DataSource dataSource) {
        return new ResearchIndex(dataSource);
    }
}
