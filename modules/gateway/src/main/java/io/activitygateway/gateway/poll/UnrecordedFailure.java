package io.activitygateway.gateway.poll;

import java.time.Instant;

/**
 * Failed polls the database could not take (it was away): kept in memory, shown by the status API meanwhile, and
 * written with the next poll that reaches the database, so an outage leaves its trace in {@code lastError}.
 *
 * @param count failed polls since the last one recorded
 */
public record UnrecordedFailure(Instant at, String message, Integer httpStatus, int count) {

    UnrecordedFailure then(UnrecordedFailure later) {
        return new UnrecordedFailure(later.at(), later.message(), later.httpStatus(), count + later.count());
    }
}
