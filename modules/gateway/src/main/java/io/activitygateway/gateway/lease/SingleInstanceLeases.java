package io.activitygateway.gateway.lease;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Every lease held, always: right for one gateway instance per database. A database-backed {@link Leases} bean,
 * where present, replaces this one.
 */
@DefaultBean
@ApplicationScoped
public class SingleInstanceLeases implements Leases {

    @Override
    public boolean holds(String resource) {
        return true;
    }
}
