package io.activitygateway.sandbox.fault;

import io.activitygateway.sandbox.Api;

/** A record served broken inside an otherwise good page; ground truth names it so tests can expect it. */
public enum Malformation {
    /** {@code "created_at": "yesterday"}. */
    KANTATA_CREATED_AT_NOT_A_TIME(Api.KANTATA),
    /** The event object lacks {@code event_type}. */
    KANTATA_NO_EVENT_TYPE(Api.KANTATA),
    /** The record lacks {@code date_added}. */
    WORKSECTION_NO_DATE_ADDED(Api.WORKSECTION),
    /** {@code detail} is unbalanced garbage markup instead of the documented grammar. */
    ONEHUB_GARBAGE_DETAIL(Api.ONEHUB);

    private final Api api;

    Malformation(Api api) {
        this.api = api;
    }

    public Api api() {
        return api;
    }
}
