package io.vigie.dicomweb;

import io.vigie.archive.audit.AuditEventType;
import io.vigie.audit.AuditAttributes;
import io.vigie.config.ConditionalOnRole;
import io.vigie.config.VigieProperties;
import io.vigie.ingest.ReceivedInstance;
import io.vigie.ingest.StorePipeline;
import io.vigie.security.SiteAccess;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.security.Principal;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * STOW-RS (PS3.18 10.5): {@code POST /dicomweb/studies} and {@code POST /dicomweb/studies/{study}} with Part 10
 * instances as {@code multipart/related; type="application/dicom"}. Each part goes through the same
 * {@link StorePipeline} as a C-STORE (de-identified, originals sealed, durable before it is reported stored), one
 * part at a time as it is read. It runs where the pipeline runs: in a process with the {@code ingest} role.
 *
 * <p>What a caller stores is of the caller's site ({@link SiteAccess#storingSite}): de-identified with that site's
 * pseudonyms and recorded as that site's study, exactly as a C-STORE from a peer of that site, so that one patient
 * reaching Vigie through both doors is one pseudonymous subject, and the uploading radiologist's own site sees the
 * study. A site this Vigie holds no pseudonym secret for is refused as a whole (403), before any part is read.
 */
@RestController
@RequestMapping("/dicomweb")
@ConditionalOnRole("ingest")
class StowController {

    private final StorePipeline pipeline;
    private final SiteAccess sites;
    private final long maxRequestBytes;

    StowController(StorePipeline pipeline, SiteAccess sites, VigieProperties properties) {
        this.pipeline = pipeline;
        this.sites = sites;
        this.maxRequestBytes = properties.dicomweb().stow().maxRequestSize().toBytes();
    }

    @PostMapping("/studies")
    ResponseEntity<Object> store(HttpServletRequest request, Principal sender) throws IOException {
        return stow(request, sender, null);
    }

    /** Every instance must belong to {@code study} (the UID the client sent it with); the others fail with A900. */
    @PostMapping("/studies/{study}")
    ResponseEntity<Object> storeIntoStudy(@PathVariable String study, HttpServletRequest request, Principal sender)
            throws IOException {
        return stow(request, sender, study);
    }

    private ResponseEntity<Object> stow(HttpServletRequest request, Principal sender, String study)
            throws IOException {
        // Everything that can refuse the request as a whole is checked before a single instance is stored.
        String site = callersSite(request);
        StowResponseFormat format = StowResponseFormat.of(request.getHeader(HttpHeaders.ACCEPT));
        String boundary = StowContentType.boundary(request.getContentType());
        if (request.getContentLengthLong() > maxRequestBytes) {
            throw tooLarge();
        }
        StowResponse response = new StowResponse(
                ServletUriComponentsBuilder.fromCurrentContextPath().path("/dicomweb").toUriString());
        MultipartRelatedReader parts = new MultipartRelatedReader(request.getInputStream(), boundary,
                maxRequestBytes);
        try {
            for (MultipartRelatedReader.Part part = parts.next(); part != null; part = parts.next()) {
                // The part's own Content-Type is not trusted either way: its Part 10 meta information decides.
                response.add(pipeline.storePart10(ReceivedInstance.Source.STOW, site, sender.getName(),
                        part.body(), study));
            }
        } catch (MultipartRelatedReader.MalformedException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "malformed multipart/related body: "
                    + e.getMessage() + alreadyStored(response));
        } catch (MultipartRelatedReader.TooLargeException e) {
            // Only a request without Content-Length gets this far; what came before the limit is stored.
            throw new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE, e.getMessage() + alreadyStored(response));
        }
        if (response.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "the request holds no instance");
        }
        return ResponseEntity.status(response.httpStatus()).contentType(format.mediaType())
                .body(format.body(response.dataSet()));
    }

    /**
     * The site the caller stores for; else 403, audited as a Security Alert like the 403s of the security chain: a
     * token naming a site this Vigie does not serve (no pseudonym secret: its instances could only be de-identified
     * with another site's keys, and filed where its radiologists would never see them), or, but for an
     * administrator, naming none.
     */
    private String callersSite(HttpServletRequest request) {
        Optional<String> site = sites.storingSite(pipeline.defaultSite());
        if (site.isPresent() && pipeline.serves(site.get())) {
            return site.get();
        }
        String refusal = site.map(id -> "site " + id + " is not served here: Vigie holds no pseudonym secret for it "
                        + "(vigie.sites." + id + "), so nothing can be stored for it")
                .orElse("your token names no site: a radiologist stores for their own site only");
        request.setAttribute(AuditAttributes.EVENT, AuditEventType.SECURITY_ALERT);
        request.setAttribute(AuditAttributes.DETAIL, refusal);
        throw new ResponseStatusException(HttpStatus.FORBIDDEN, refusal);
    }

    private ResponseStatusException tooLarge() {
        return new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE, "the request is larger than "
                + maxRequestBytes + " bytes (vigie.dicomweb.stow.max-request-size): send fewer instances at once");
    }

    /** A request cut off mid-way has stored the instances before the cut; the client should know, and may re-send. */
    private static String alreadyStored(StowResponse response) {
        return response.isEmpty() ? "; nothing was stored"
                : "; the " + response.size() + " instance(s) before it were processed (re-sending them is harmless: "
                        + "an identical instance is stored once)";
    }
}
