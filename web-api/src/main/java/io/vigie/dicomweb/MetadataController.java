package io.vigie.dicomweb;

import io.vigie.archive.Archive;
import io.vigie.archive.StoredInstance;
import io.vigie.config.ConditionalOnRole;
import io.vigie.security.SiteAccess;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** WADO-RS metadata (PS3.18 10.4, F.2): the DICOM JSON of a study's, a series' or an instance's instances. */
@RestController
@RequestMapping(value = "/dicomweb", produces = {QidoController.DICOM_JSON, "application/json"})
@ConditionalOnRole("api")
class MetadataController {

    private final Archive archive;
    private final InstanceMetadata metadata;
    private final SiteAccess sites;

    MetadataController(Archive archive, InstanceMetadata metadata, SiteAccess sites) {
        this.archive = archive;
        this.metadata = metadata;
        this.sites = sites;
    }

    @GetMapping("/studies/{study}/metadata")
    ResponseEntity<byte[]> study(@PathVariable String study) {
        return json(archive.findInstances(study, null, null, sites.visibleSites()), "study " + study);
    }

    @GetMapping("/studies/{study}/series/{series}/metadata")
    ResponseEntity<byte[]> series(@PathVariable String study, @PathVariable String series) {
        return json(archive.findInstances(study, series, null, sites.visibleSites()), "series " + series);
    }

    @GetMapping("/studies/{study}/series/{series}/instances/{instance}/metadata")
    ResponseEntity<byte[]> instance(@PathVariable String study, @PathVariable String series, @PathVariable String instance) {
        return json(archive.findInstances(study, series, instance, sites.visibleSites()),
                "instance " + instance);
    }

    /** Bytes, not a String: the JSON is UTF-8 whatever charset a String converter would pick for dicom+json. */
    private ResponseEntity<byte[]> json(List<StoredInstance> instances, String what) {
        if (instances.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no " + what + " in the archive");
        }
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(QidoController.DICOM_JSON))
                .body(metadata.jsonArray(instances, DicomWebBase.current()).getBytes(StandardCharsets.UTF_8));
    }
}
