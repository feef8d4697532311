package io.activitygateway.gateway.lease;

import java.time.Instant;

/** Who holds a lease, as the lease table says. */
public record LeaseHolder(String resource, String holder, Instant acquiredAt, Instant expiresAt) {
}
