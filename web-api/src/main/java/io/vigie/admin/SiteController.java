package io.vigie.admin;

import io.vigie.config.ConditionalOnRole;
import io.vigie.config.VigieProperties;
import io.vigie.security.SiteAccess;
import java.util.List;
import java.util.TreeSet;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /admin/sites}: the sites this Vigie knows (the default site, the sites of the configured peers and of
 * {@code vigie.sites}) and whether each consented to research, for administrators.
 */
@RestController
@RequestMapping("/admin")
@ConditionalOnRole("api")
class SiteController {

    /** One site; {@code default} is the site of STOW-RS and of unknown peers. */
    record Site(String site, boolean defaultSite, boolean researchConsent) {
    }

    private final VigieProperties properties;
    private final SiteAccess access;

    SiteController(VigieProperties properties, SiteAccess access) {
        this.properties = properties;
        this.access = access;
    }

    @GetMapping(value = "/sites", produces = "application/json")
    List<Site> sites() {
        String defaultSite = properties.deidentification().siteId().strip();
        return new TreeSet<>(properties.siteIds()).stream()
                .map(site -> new Site(site, site.equals(defaultSite), access.consentingSites().contains(site)))
                .toList();
    }
}
