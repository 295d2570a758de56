package io.vigie.archive.jobs;

import java.util.Locale;

/** Where a job is in its life; stored in {@code job.state} as the lower-case name. */
public enum JobState {
    /** Created, never tried. */
    QUEUED,
    /** Claimed by a worker, which holds it for the lease timeout (or longer, if it extends its lease). */
    RUNNING,
    /** Finished by its worker. */
    DONE,
    /** Tried and failed; claimable again once its back-off has passed. */
    FAILED,
    /** Failed as many times as it may: no worker gets it again. {@code last_error} says why it last failed. */
    DEAD;

    String sqlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static JobState fromSql(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
