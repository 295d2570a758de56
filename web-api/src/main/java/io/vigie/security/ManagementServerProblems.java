package io.vigie.security;

import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * The management port's server (health, Prometheus) answers its errors as RFC 9457 problems too, as the API's does:
 * Spring Boot gives that server a context and a Tomcat of its own, which the API's error handling does not reach.
 * There {@link ProblemErrorController} takes {@code /error} from Spring Boot's {@code ManagementErrorEndpoint}
 * (its own JSON, and a 200 when {@code /error} is asked for directly), and {@link ProblemReportValve} replaces
 * Tomcat's HTML page for what Tomcat refuses before any application code runs.
 *
 * <p>Listed in {@code META-INF/spring/} {@code
 * org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration.imports}, and on purpose not annotated {@code @ManagementContextConfiguration}: that annotation is a {@code @Configuration},
 * which the API's component scan would also load into the API's own context. Without it Spring Boot imports the
 * class into whichever context serves management; in Vigie that is always the management port's own, since
 * {@code management.server.address} is set and Spring Boot allows an address only on a port of its own.
 */
public class ManagementServerProblems {

    /** The name of Spring Boot's {@code ManagementErrorEndpoint} bean in the management context. */
    static final String BOOT_ERROR_ENDPOINT = "errorEndpoint";

    /**
     * Runs once the management context's configuration classes are read, so Spring Boot's error endpoint is defined
     * by then; both would map {@code /error}, so it goes and ours comes in.
     */
    @Bean
    static BeanDefinitionRegistryPostProcessor problemErrorEndpoint() {
        return registry -> {
            if (registry.containsBeanDefinition(BOOT_ERROR_ENDPOINT)) {
                registry.removeBeanDefinition(BOOT_ERROR_ENDPOINT);
                registry.registerBeanDefinition("problemErrorController",
                        new RootBeanDefinition(ProblemErrorController.class));
            }
        };
    }

    @Bean
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> managementProblemReports() {
        return factory -> factory.addContextCustomizers(ProblemReportValve::replaceErrorReport);
    }
}
