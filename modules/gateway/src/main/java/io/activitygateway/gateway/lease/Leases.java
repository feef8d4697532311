package io.activitygateway.gateway.lease;

/**
 * Work that must run on one gateway instance at a time (a connection's polling, a sink's delivery) asks here
 * before it runs. Resources are named {@code connection:<name>} and {@code sink:<name>}.
 */
public interface Leases {

    /**
     * True while this instance holds the lease on the resource. The first call makes this instance a candidate:
     * from then on it takes the lease whenever it is free or expired, and keeps renewing it in the background.
     */
    boolean holds(String resource);
}
