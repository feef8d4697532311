package io.activitygateway.gateway.lease;

/** The commit's fence found that this instance no longer holds the lease: the transaction must not commit. */
public class LeaseLostException extends RuntimeException {

    public LeaseLostException(String resource, String instance) {
        super("instance " + instance + " no longer holds the lease on " + resource);
    }
}
