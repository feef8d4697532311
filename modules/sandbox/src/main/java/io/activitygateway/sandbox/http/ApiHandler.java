package io.activitygateway.sandbox.http;

import java.time.Duration;

/** One simulated API behind its URL prefix. */
public interface ApiHandler {

    Reply handle(Request request);

    /**
     * The body an injected transport fault answers with, in the shape this vendor uses for that status;
     * {@code retryAfter} is null when the fault sends none.
     */
    Reply faultReply(int status, Duration retryAfter);
}
