package io.vigie.config;

import io.vigie.security.ProblemReportValve;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Tomcat settings Spring Boot has no property for. */
@Configuration(proxyBeanMethods = false)
class HttpServerConfiguration {

    /**
     * Tomcat answers {@code Expect: 100-continue} only once the application starts reading the body (by default it
     * answers at once). A STOW-RS request refused from its headers alone (no token, wrong media type, too large) is
     * then refused before the client uploads a byte of it; curl sends the expectation for any body over 1 MB.
     */
    @Bean
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> continueOnlyWhenTheBodyIsRead() {
        return factory -> factory.addConnectorCustomizers(
                connector -> connector.setProperty("continueResponseTiming", "onRead"));
    }

    /**
     * Tomcat copies an answer into a buffer of {@code socket.appWriteBufSize} bytes and writes the socket each time
     * it fills: with its default (8 KB) a WADO-RS instance of 0.5 MB took 64 system calls.
     */
    @Bean
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> socketWriteBuffer(VigieProperties properties) {
        String bytes = Long.toString(properties.dicomweb().socketWriteBuffer().toBytes());
        return factory -> factory.addConnectorCustomizers(
                connector -> connector.setProperty("socket.appWriteBufSize", bytes));
    }

    /**
     * Tomcat's HTML error page replaced by {@link ProblemReportValve}: what Tomcat refuses before the application
     * sees it is answered as a problem too. (The management port's server has the same, from
     * {@code ManagementServerProblems}.)
     */
    @Bean
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> problemErrorReports() {
        return factory -> factory.addContextCustomizers(ProblemReportValve::replaceErrorReport);
    }
}
