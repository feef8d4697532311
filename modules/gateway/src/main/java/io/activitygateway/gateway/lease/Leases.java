package io.activitygateway.gateway.lease;

/**
 * Which instance does a singular job ({@code connection:<name>}, {@code sink:<name>}): work guarded by a lease runs
 * only while this instance holds it.
 */
public interface Leases {

    /** True while this instance holds the lease on {@code resource}. */
    boolean holds(String resource);
}
