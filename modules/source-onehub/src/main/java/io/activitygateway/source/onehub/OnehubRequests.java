package io.activitygateway.source.onehub;

import io.activitygateway.spi.SourceRequest;
import java.time.Instant;

/** The two requests Onehub polling needs, with the connection's token and filters. */
final class OnehubRequests {

    /** The largest page the conventions allow: fewest requests per event. */
    static final int PER_PAGE = 100;

    private final OnehubConfig config;

    OnehubRequests(OnehubConfig config) {
        this.config = config;
    }

    /** A page of {@code GET activity/} (the trailing slash is Onehub's) for {@code updated_at} in [from, to]. */
    SourceRequest activity(Instant from, Instant to, int page) {
        SourceRequest.Builder b = SourceRequest.get("activity/")
                .params("workspaces[]", config.workspaces())
                .params("verbs[]", config.verbs())
                .param("filter_self", config.filterSelf().orElse(null))
                .param("actor", config.actor().orElse(null))
                .param("start_time", RequestTimes.startTime(from, config.zone()))
                .param("end_time", RequestTimes.endTime(to, config.zone()));
        return paged(b, page);
    }

    /** A page of {@code GET files/{id}/audit_trail}: no time filter, newest first. */
    SourceRequest auditTrail(long fileId, int page) {
        return paged(SourceRequest.get("files/" + fileId + "/audit_trail"), page);
    }

    private SourceRequest paged(SourceRequest.Builder b, int page) {
        return b.param("page", page).param("per_page", PER_PAGE).bearer(config.token()).build();
    }
}
