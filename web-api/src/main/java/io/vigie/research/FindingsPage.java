package io.vigie.research;

import io.swagger.v3.oas.annotations.media.Schema;
import io.vigie.archive.research.ResearchFinding;
import java.util.List;

/**
 * One page of findings.
 *
 * @param next the URL of the next page; null on the last page
 */
record FindingsPage(List<ResearchFinding> findings, int limit, int offset,
                    @Schema(description = "the URL of the next page; null on the last page", nullable = true)
                    String next) {
}
