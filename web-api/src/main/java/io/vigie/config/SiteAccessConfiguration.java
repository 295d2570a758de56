package io.vigie.config;

import io.vigie.security.SiteAccess;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who sees which site's studies: the sites that consented to research are those with
 * {@code vigie.sites.<site>.research-consent: true} (configuration, not the database: consent is an agreement between
 * the site and the operator, changed with a deployment and reviewed with it; administrators list it with
 * {@code GET /admin/sites}).
 */
@Configuration(proxyBeanMethods = false)
class SiteAccessConfiguration {

    @Bean
    SiteAccess siteAccess(VigieProperties properties) {
        return new SiteAccess(properties.sites().entrySet().stream()
                .filter(site -> site.getValue().researchConsent())
                .map(Map.Entry::getKey)
                .toList());
    }
}
