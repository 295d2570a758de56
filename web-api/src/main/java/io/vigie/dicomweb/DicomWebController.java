package io.vigie.dicomweb;

import io.vigie.archive.Archive;
import io.vigie.archive.StoredInstance;
import io.vigie.config.ConditionalOnRole;
import io.vigie.security.SiteAccess;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * WADO-RS (PS3.18 10.4): retrieve of studies, series and instances as Part 10 files in multipart/related. The body
 * is written by the request's own thread, straight from the file store, rather than handed to an asynchronous
 * {@code StreamingResponseBody}: that would queue every retrieval behind a small task pool, cut any retrieval
 * longer than the container's asynchronous timeout (30 s by default: a large study on a slow link), and dispatch
 * each request twice through the filter chain.
 */
@RestController
@RequestMapping("/dicomweb")
@ConditionalOnRole("api")
class DicomWebController {

    private final Archive archive;
    private final SiteAccess sites;

    DicomWebController(Archive archive, SiteAccess sites) {
        this.archive = archive;
        this.sites = sites;
    }

    @GetMapping("/studies/{study}")
    void retrieveStudy(@PathVariable String study,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
            HttpServletResponse response) throws IOException {
        retrieve(accept, archive.findInstances(study, null, null, sites.visibleSites()), "study " + study,
                response);
    }

    @GetMapping("/studies/{study}/series/{series}")
    void retrieveSeries(@PathVariable String study, @PathVariable String series,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
            HttpServletResponse response) throws IOException {
        retrieve(accept, archive.findInstances(study, series, null, sites.visibleSites()), "series " + series,
                response);
    }

    @GetMapping("/studies/{study}/series/{series}/instances/{instance}")
    void retrieveInstance(@PathVariable String study, @PathVariable String series, @PathVariable String instance,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
            HttpServletResponse response) throws IOException {
        retrieve(accept, archive.findInstances(study, series, instance, sites.visibleSites()),
                "instance " + instance, response);
    }

    private void retrieve(String accept, List<StoredInstance> instances, String what, HttpServletResponse response)
            throws IOException {
        RetrieveAcceptance acceptance = RetrieveAcceptance.of(accept);
        if (instances.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no " + what + " in the archive");
        }
        acceptance.requireStoredSyntaxes(instances);
        MultipartDicomWriter writer = new MultipartDicomWriter(archive, instances);
        response.setContentType(writer.contentType());
        response.setContentLengthLong(writer.contentLength());
        writer.writeTo(response.getOutputStream());
    }
}
