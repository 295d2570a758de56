package io.vigie.ingest.query;

import io.vigie.ingest.DimseStatus;

/** A query or retrieve request that is answered with a failure status, and no matches, before anything is sent. */
public final class QueryRefusedException extends Exception {

    private final transient DimseStatus status;

    public QueryRefusedException(DimseStatus status) {
        super(status.toString());
        this.status = status;
    }

    public DimseStatus status() {
        return status;
    }
}
