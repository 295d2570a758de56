package io.vigie.reidentification;

import io.vigie.anonymizer.vault.VaultIntegrityException;
import io.vigie.config.ConditionalOnRole;
import io.vigie.security.SiteAccess;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Pseudonym resolution, for radiologists of the site that holds the pseudonym (the security configuration admits
 * {@code radiologist} only; researchers are refused with 403): the originals behind a patient pseudonym or a study.
 * Every call, resolved or not, is audited as an Export (PS3.15 A.5.3.6: identified data leaving Vigie's control) with
 * the caller, the pseudonym asked for (in the request) and the status. Another site's pseudonym is 404, like an
 * unknown one.
 */
@RestController
@RequestMapping(value = "/api/pseudonyms", produces = "application/json")
@ConditionalOnRole("api")
class PseudonymController {

    private static final Logger log = LoggerFactory.getLogger(PseudonymController.class);

    private final PseudonymResolver resolver;
    private final SiteAccess sites;

    PseudonymController(PseudonymResolver resolver, SiteAccess sites) {
        this.resolver = resolver;
        this.sites = sites;
    }

    @GetMapping("/patients/{pseudonym}")
    PseudonymResolver.Patient patient(@PathVariable String pseudonym) {
        return found(readingVault(() -> resolver.patient(callerSite(), pseudonym)), "patient " + pseudonym);
    }

    @GetMapping("/studies/{study}")
    PseudonymResolver.Study study(@PathVariable String study) {
        return found(readingVault(() -> resolver.study(callerSite(), study)), "study " + study);
    }

    /** A radiologist's token without a site holds no pseudonym: nothing is theirs to resolve. */
    private String callerSite() {
        return sites.callerSite().orElse("");
    }

    private static <T> T found(Optional<T> resolved, String what) {
        return resolved.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "no " + what + " of your site"));
    }

    /** A row that does not open (altered, copied from another row, another key) is the operator's problem: 500. */
    private static <T> Optional<T> readingVault(Supplier<Optional<T>> read) {
        try {
            return read.get();
        } catch (VaultIntegrityException e) {
            log.error("a re-identification vault row does not open", e);
            throw new ResponseStatusException(HttpStatus.INTERNAL_SERVER_ERROR,
                    "the re-identification vault's record does not open (altered, or sealed with another key)");
        }
    }
}
