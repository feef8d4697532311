package io.activitygateway.gateway.poll;

import io.activitygateway.spi.SourceException;

/** A batch could not be stored: the poll ends like any failure, but the fault is the database's, not the source's. */
final class StoreFailure extends SourceException {

    StoreFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
