package io.vigie.security;

import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Which sites' studies the caller of the current request may see, from the token's roles and {@code site} claim
 * (Keycloak's {@code vigie-site} mapper, the same claim the audit trail records):
 *
 * <ul>
 *   <li>{@code admin}: every site;
 *   <li>{@code radiologist}: the studies of their own site only (none when the token has no site);
 *   <li>{@code researcher}: the (de-identified) studies of the sites that consented to research
 *       ({@code vigie.sites.<site>.research-consent}).
 * </ul>
 *
 * A caller with several roles sees the union. Controllers pass these sites to the archive, so that another site's
 * study is not found, exactly as one that does not exist (404, not 403: its existence does not leak).
 */
public final class SiteAccess {

    private final SortedSet<String> consentingSites;

    public SiteAccess(Collection<String> consentingSites) {
        this.consentingSites = new TreeSet<>(consentingSites);
    }

    /** The sites that consented to research, sorted. */
    public SortedSet<String> consentingSites() {
        return consentingSites;
    }

    /** What the caller may see in DICOMweb and the radiologists' endpoints: null for every site. */
    public Set<String> visibleSites() {
        Set<String> roles = currentRoles();
        if (roles.contains(Roles.ADMIN)) {
            return null;
        }
        Set<String> sites = new HashSet<>();
        if (roles.contains(Roles.RADIOLOGIST)) {
            callerSite().ifPresent(sites::add);
        }
        if (roles.contains(Roles.RESEARCHER)) {
            sites.addAll(consentingSites);
        }
        return Set.copyOf(sites);
    }

    /**
     * What the research API covers for the caller: the consenting sites (a radiologist who is also a researcher gets
     * no more there than other researchers); null, every site, for an administrator.
     */
    public Set<String> researchSites() {
        return currentRoles().contains(Roles.ADMIN) ? null : Set.copyOf(consentingSites);
    }

    /**
     * The site what the caller stores (STOW-RS) belongs to, whose pseudonyms apply and whose radiologists will see
     * it: the token's {@code site} claim, whatever the role; for an administrator's token without one (a service
     * account), {@code defaultSite}. Empty for a token of any other role without a site: a radiologist stores for
     * their own site or not at all, never into another's.
     */
    public Optional<String> storingSite(String defaultSite) {
        Optional<String> own = callerSite();
        if (own.isPresent() || !currentRoles().contains(Roles.ADMIN)) {
            return own;
        }
        return Optional.of(defaultSite);
    }

    /** The token's {@code site} claim. */
    public Optional<String> callerSite() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof Jwt jwt) {
            String site = jwt.getClaimAsString("site");
            return site == null || site.isBlank() ? Optional.empty() : Optional.of(site.strip());
        }
        return Optional.empty();
    }

    /**
     * Vigie's roles ({@link Roles#ALL}) among the current caller's authorities ({@code ROLE_<role>}); not Keycloak's
     * default roles (offline_access...). Empty when nobody is authenticated.
     */
    public static Set<String> currentRoles() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null) {
            return Set.of();
        }
        Set<String> roles = new HashSet<>();
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            String name = authority.getAuthority();
            String role = name != null && name.startsWith("ROLE_") ? name.substring("ROLE_".length()) : null;
            if (role != null && Roles.ALL.contains(role)) {
                roles.add(role);
            }
        }
        return roles;
    }
}
