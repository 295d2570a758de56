package io.vigie.archive.research;

/** How many patients, studies, series and findings a cohort holds, exactly (suppression is the API's concern). */
public record CohortCount(long patients, long studies, long series, long findings) {
}
