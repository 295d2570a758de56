package io.vigie.dicomweb;

import io.vigie.archive.Archive;
import io.vigie.archive.query.IndexRecord;
import io.vigie.archive.query.IndexedAttribute;
import io.vigie.archive.query.QueryLevel;
import io.vigie.config.ConditionalOnRole;
import io.vigie.security.SiteAccess;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * QIDO-RS (PS3.18 10.6): the six search resources, answered from the archive index with the archive's level queries.
 * No match is 204 with no body (PS3.18 8.3.4.4.1); a page cut short by the limit carries a Warning header.
 */
@RestController
@RequestMapping(value = "/dicomweb", produces = {QidoController.DICOM_JSON, "application/json"})
@ConditionalOnRole("api")
class QidoController {

    static final String DICOM_JSON = "application/dicom+json";

    private final Archive archive;
    private final SiteAccess sites;

    QidoController(Archive archive, SiteAccess sites) {
        this.archive = archive;
        this.sites = sites;
    }

    @GetMapping("/studies")
    ResponseEntity<List<Map<String, Object>>> studies(@RequestParam MultiValueMap<String, String> parameters) {
        return search(QueryLevel.STUDY, parameters, Map.of(), null);
    }

    @GetMapping("/series")
    ResponseEntity<List<Map<String, Object>>> series(@RequestParam MultiValueMap<String, String> parameters) {
        return search(QueryLevel.SERIES, parameters, Map.of(), null);
    }

    @GetMapping("/studies/{study}/series")
    ResponseEntity<List<Map<String, Object>>> seriesOfStudy(@PathVariable String study,
            @RequestParam MultiValueMap<String, String> parameters) {
        return search(QueryLevel.SERIES, parameters, Map.of(IndexedAttribute.STUDY_INSTANCE_UID, study),
                QueryLevel.STUDY);
    }

    @GetMapping("/instances")
    ResponseEntity<List<Map<String, Object>>> instances(@RequestParam MultiValueMap<String, String> parameters) {
        return search(QueryLevel.IMAGE, parameters, Map.of(), null);
    }

    @GetMapping("/studies/{study}/instances")
    ResponseEntity<List<Map<String, Object>>> instancesOfStudy(@PathVariable String study,
            @RequestParam MultiValueMap<String, String> parameters) {
        return search(QueryLevel.IMAGE, parameters, Map.of(IndexedAttribute.STUDY_INSTANCE_UID, study),
                QueryLevel.STUDY);
    }

    @GetMapping("/studies/{study}/series/{series}/instances")
    ResponseEntity<List<Map<String, Object>>> instancesOfSeries(@PathVariable String study,
            @PathVariable String series, @RequestParam MultiValueMap<String, String> parameters) {
        return search(QueryLevel.IMAGE, parameters, Map.of(IndexedAttribute.STUDY_INSTANCE_UID, study,
                IndexedAttribute.SERIES_INSTANCE_UID, series), QueryLevel.SERIES);
    }

    private ResponseEntity<List<Map<String, Object>>> search(QueryLevel level,
            MultiValueMap<String, String> parameters, Map<IndexedAttribute, String> scope, QueryLevel scopedTo) {
        QidoQuery query = QidoQuery.parse(level, parameters, new LinkedHashMap<>(scope));
        QidoResults results = new QidoResults(query, scopedTo, DicomWebBase.current());
        // One more than asked for tells whether there are further results to page to.
        // Another site's entities are not there for this caller: no match, as for entities that do not exist.
        List<IndexRecord> matches = archive.find(query.indexQuery().withinSites(sites.visibleSites()),
                results.returned(), query.limit() + 1,
                query.offset());
        List<String> warnings = new ArrayList<>();
        if (matches.size() > query.limit()) {
            matches = matches.subList(0, query.limit());
            warnings.add("299 vigie \"There are additional results that can be requested\"");
        }
        if (query.fuzzyMatchingIgnored()) {
            warnings.add("299 vigie \"The fuzzymatching parameter is not supported. "
                    + "Only literal matching has been performed.\"");
        }
        ResponseEntity.BodyBuilder response = ResponseEntity.status(matches.isEmpty() ? 204 : 200);
        warnings.forEach(w -> response.header(HttpHeaders.WARNING, w));
        return matches.isEmpty() ? response.build() : response.body(matches.stream().map(results::toJson).toList());
    }
}
