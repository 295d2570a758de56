package io.vigie.findings;

import io.vigie.archive.jobs.JobQueue;
import io.vigie.audit.AuditAttributes;
import io.vigie.config.ConditionalOnRole;
import io.vigie.inference.findings.FindingsStore;
import io.vigie.inference.findings.ReviewDecision;
import io.vigie.inference.findings.StoredFinding;
import io.vigie.security.SiteAccess;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * What detection found, for radiologists (the endpoint policy admits the {@code radiologist} role only), of the
 * studies of their own site ({@link SiteAccess}; another site's is not found): a study's
 * analyses and findings, a series' analysis and where its job stands, and the review of a finding (confirmed or
 * rejected, by whom and when; audited with the decision). Errors are RFC 9457 problems.
 */
@RestController
@RequestMapping(value = "/api", produces = "application/json")
@ConditionalOnRole("api")
class FindingsController {

    /** The body of a review: {@code {"decision": "confirmed"}} or {@code "rejected"}. */
    record Review(String decision) {
    }

    private final FindingsStore findings;
    private final JobQueue jobs;
    private final SiteAccess access;

    FindingsController(FindingsStore findings, JobQueue jobs, SiteAccess access) {
        this.findings = findings;
        this.jobs = jobs;
        this.access = access;
    }

    /** The study's analyses (all of them) and a page of its findings, most probable first within each series. */
    @GetMapping("/studies/{study}/findings")
    FindingsViews.StudyFindings studyFindings(@PathVariable String study,
            @RequestParam(defaultValue = "100") int limit, @RequestParam(defaultValue = "0") int offset) {
        checkPage(limit, offset);
        if (!visible(study)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no study " + study + " in the archive");
        }
        return new FindingsViews.StudyFindings(study,
                findings.analysesOfStudy(study).stream().map(FindingsViews.Analysis::of).toList(),
                findings.findingsOfStudy(study, limit, offset).stream().map(FindingsViews.Finding::of).toList(),
                findings.countFindingsOfStudy(study), limit, offset);
    }

    /** The series' analyses (one per model version) with their findings, and its detection jobs. */
    @GetMapping("/series/{series}/analysis")
    FindingsViews.SeriesAnalyses seriesAnalysis(@PathVariable String series, HttpServletRequest request) {
        String study = findings.studyOfSeries(series).filter(this::visible).orElseThrow(() ->
                new ResponseStatusException(HttpStatus.NOT_FOUND, "no series " + series + " in the archive"));
        request.setAttribute(AuditAttributes.STUDY, study);
        List<FindingsViews.AnalysisWithFindings> analyses = findings.analysesOfSeries(series).stream()
                .map(a -> new FindingsViews.AnalysisWithFindings(FindingsViews.Analysis.of(a),
                        findings.findingsOfAnalysis(a.id()).stream().map(FindingsViews.Finding::of).toList()))
                .toList();
        return new FindingsViews.SeriesAnalyses(series, analyses,
                jobs.forSeries(series).stream().map(FindingsViews.JobState::of).toList());
    }

    @PostMapping("/findings/{trackingUid}/review")
    FindingsViews.Finding review(@PathVariable String trackingUid, @RequestBody Review review,
            Authentication reviewer, HttpServletRequest request) {
        ReviewDecision decision;
        try {
            decision = ReviewDecision.parse(review == null ? null : review.decision());
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        ResponseStatusException unknown = new ResponseStatusException(HttpStatus.NOT_FOUND,
                "no finding with tracking UID " + trackingUid);
        StoredFinding finding = findings.finding(trackingUid).orElseThrow(() -> unknown);
        // A review does not move the finding to another series: the study found here is the one audited.
        String study = findings.studyOfSeries(finding.seriesInstanceUid()).filter(this::visible)
                .orElseThrow(() -> unknown);
        StoredFinding reviewed = findings.review(trackingUid, decision, reviewer.getName()).orElseThrow(() -> unknown);
        request.setAttribute(AuditAttributes.DETAIL, decision.sqlName() + " finding " + trackingUid + " ("
                + reviewed.finding().trackingId() + ", series " + reviewed.seriesInstanceUid() + ")");
        request.setAttribute(AuditAttributes.STUDY, study);
        return FindingsViews.Finding.of(reviewed);
    }

    /**
     * The study is in the archive and of a site the caller may see (a radiologist: their own site's). Another site's
     * study is answered as one that does not exist, 404, so that its existence does not leak.
     */
    private boolean visible(String study) {
        Set<String> sites = access.visibleSites();
        return findings.siteOfStudy(study).filter(site -> sites == null || sites.contains(site)).isPresent();
    }

    private static void checkPage(int limit, int offset) {
        if (limit < 1 || limit > FindingsStore.MAX_LIMIT) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "limit must be between 1 and " + FindingsStore.MAX_LIMIT);
        }
        if (offset < 0) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "offset must not be negative");
        }
    }
}
