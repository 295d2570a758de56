package io.vigie.dicomweb;

import io.vigie.archive.Archive;
import io.vigie.archive.StoredInstance;
import io.vigie.config.ConditionalOnRole;
import io.vigie.security.SiteAccess;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** WADO-RS (PS3.18 10.4): retrieve of studies, series and instances as Part 10 files in multipart/related. */
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
    ResponseEntity<StreamingResponseBody> retrieveStudy(@PathVariable String study,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        return retrieve(accept, archive.findInstances(study, null, null, sites.visibleSites()),
                "study " + study);
    }

    @GetMapping("/studies/{study}/series/{series}")
    ResponseEntity<StreamingResponseBody> retrieveSeries(@PathVariable String study, @PathVariable String series,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        return retrieve(accept, archive.findInstances(study, series, null, sites.visibleSites()),
                "series " + series);
    }

    @GetMapping("/studies/{study}/series/{series}/instances/{instance}")
    ResponseEntity<StreamingResponseBody> retrieveInstance(@PathVariable String study, @PathVariable String series,
            @PathVariable String instance,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        return retrieve(accept, archive.findInstances(study, series, instance, sites.visibleSites()),
                "instance " + instance);
    }

    private ResponseEntity<StreamingResponseBody> retrieve(String accept, List<StoredInstance> instances,
            String what) {
        RetrieveAcceptance acceptance = RetrieveAcceptance.of(accept);
        if (instances.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no " + what + " in the archive");
        }
        acceptance.requireStoredSyntaxes(instances);
        MultipartDicomWriter writer = new MultipartDicomWriter(archive, instances);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_TYPE, writer.contentType())
                .body(writer::writeTo);
    }
}
