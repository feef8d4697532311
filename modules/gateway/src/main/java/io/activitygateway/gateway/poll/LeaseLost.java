package io.activitygateway.gateway.poll;

import io.activitygateway.gateway.lease.LeaseLostException;
import io.activitygateway.spi.SourceException;

/** The batch was not stored because another instance took the connection's lease over: the poll just ends. */
final class LeaseLost extends SourceException {

    LeaseLost(LeaseLostException cause) {
        super(cause.getMessage(), cause);
    }
}
