package io.vigie.research;

import io.vigie.archive.Archive;
import io.vigie.archive.research.FindingFilter;
import io.vigie.archive.research.ResearchFinding;
import io.vigie.archive.research.ResearchIndex;
import io.vigie.config.ConditionalOnRole;
import io.vigie.security.SiteAccess;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.validation.BindException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The research API ({@code researcher} and {@code admin}): findings, cohort counts and cohort export, over the
 * de-identified archive of the sites that consented to research (every site for an administrator). Nothing here
 * holds an original identifier or an absolute date: patients are pseudonyms, UIDs are remapped, a study is placed by
 * its days from the patient's first study. Growth is not offered: no longitudinal tracker fills it yet.
 */
@RestController
@RequestMapping("/api/research")
@ConditionalOnRole("api")
class ResearchController {

    static final int MAX_LIMIT = 1000;

    private final Archive archive;
    private final ResearchIndex research;
    private final SiteAccess sites;

    ResearchController(Archive archive, ResearchIndex research, SiteAccess sites) {
        this.archive = archive;
        this.research = research;
        this.sites = sites;
    }

    /**
     * A page of findings; {@code next} is the URL of the next page, null on the last. No total: a count is what
     * {@code /cohort/counts} gives, with small cells suppressed.
     */
    @GetMapping(value = "/findings", produces = "application/json")
    FindingsPage findings(@ParameterObject @ModelAttribute FindingQuery query,
            @RequestParam(defaultValue = "100") int limit, @RequestParam(defaultValue = "0") int offset) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw FindingQuery.badRequest("limit must be between 1 and " + MAX_LIMIT);
        }
        if (offset < 0) {
            throw FindingQuery.badRequest("offset must not be negative");
        }
        // One more than asked for tells whether there is a next page.
        List<ResearchFinding> page = research.findings(query.filter(), sites.researchSites(), limit + 1, offset);
        boolean more = page.size() > limit;
        String next = more ? ServletUriComponentsBuilder.fromCurrentRequest()
                .replaceQueryParam("offset", offset + limit).replaceQueryParam("limit", limit).build()
                .toUriString() : null;
        return new FindingsPage(more ? page.subList(0, limit) : page, limit, offset, next);
    }

    /** How many patients, studies, series and findings match, with small cells suppressed. */
    @GetMapping(value = "/cohort/counts", produces = "application/json")
    CohortCounts counts(@ParameterObject @ModelAttribute FindingQuery query) {
        return SmallCellSuppression.apply(research.count(query.filter(), sites.researchSites()));
    }

    /**
     * The cohort's findings (CSV and JSON) and de-identified DICOM files, as one streamed zip. Written by the
     * request's own thread: an asynchronous body would be cut at the container's asynchronous timeout (30 s by
     * default), and a large cohort takes longer than that.
     */
    @GetMapping(value = "/cohort/export", produces = "application/zip")
    void export(@ParameterObject @ModelAttribute FindingQuery query, HttpServletResponse response)
            throws IOException {
        FindingFilter filter = query.filter();
        Set<String> cohortSites = sites.researchSites();
        CohortExport export = new CohortExport(archive, research, filter, cohortSites);
        response.setContentType("application/zip");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"vigie-cohort.zip\"");
        export.writeTo(response.getOutputStream());
    }

    /** A filter value of the wrong type (a diameter that is not a number...): 400, naming the parameter. */
    @ExceptionHandler(BindException.class)
    ProblemDetail notBound(BindException e) {
        String detail = e.getFieldErrors().stream()
                .map(error -> error.getField() + ": not a valid value: " + error.getRejectedValue())
                .collect(Collectors.joining("; "));
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                detail.isEmpty() ? "invalid filter parameters" : detail);
    }
}
