package io.activitygateway.gateway.lease;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * One instance's claims on leases: the resources it wants, and until when it holds each. It counts a lease as
 * held only until {@code ttl} after the moment it asked for it (not after the answer), so it stops believing
 * before any other instance may take the lease over, as long as the instances' clocks agree.
 */
public final class LeaseClaims {

    private static final Logger LOG = Logger.getLogger(LeaseClaims.class);

    private final LeaseTable table;
    private final Clock clock;
    private final String instance;
    private final Duration ttl;
    private final Set<String> wanted = ConcurrentHashMap.newKeySet();
    private final Map<String, Instant> heldUntil = new ConcurrentHashMap<>();
    private volatile java.util.function.Consumer<String> onTaken = r -> { };

    public LeaseClaims(LeaseTable table, Clock clock, String instance, Duration ttl) {
        this.table = table;
        this.clock = clock;
        this.instance = instance;
        this.ttl = ttl;
    }

    /** Told of each lease this instance takes (not of renewals), so waiting work can start at once. */
    public void onTaken(java.util.function.Consumer<String> listener) {
        this.onTaken = listener;
    }

    public String instance() {
        return instance;
    }

    public Duration ttl() {
        return ttl;
    }

    /** Wants the resource from now on (asking for it at once the first time); true while held. */
    public boolean holds(String resource) {
        if (wanted.add(resource)) {
            claim(resource);
        }
        Instant until = heldUntil.get(resource);
        return until != null && clock.instant().isBefore(until);
    }

    /** Takes or extends every wanted lease; runs every renew interval. */
    public void renewAll() {
        for (String resource : wanted) {
            claim(resource);
        }
    }

    /** Until when this instance holds the resource, if it does. */
    public Optional<Instant> heldUntil(String resource) {
        Instant until = heldUntil.get(resource);
        return until != null && clock.instant().isBefore(until) ? Optional.of(until) : Optional.empty();
    }

    /** Stops wanting the resource and gives its lease up. */
    public void drop(String resource) {
        wanted.remove(resource);
        if (heldUntil.remove(resource) != null) {
            try {
                table.release(resource, instance);
            } catch (SQLException e) {
                LOG.debugf("lease: could not release %s (it expires by itself): %s", resource, e);
            }
        }
    }

    /** Gives every lease up (a clean shutdown). */
    public void dropAll() {
        for (String resource : Set.copyOf(wanted)) {
            drop(resource);
        }
    }

    /** Asks the table again now, e.g. after a commit's fence said the lease is gone; true while held. */
    public boolean recheck(String resource) {
        claim(resource);
        return holds(resource);
    }

    private void claim(String resource) {
        Instant asked = clock.instant();
        Instant until = asked.plus(ttl);
        try {
            boolean taken = table.take(resource, instance, asked, until);
            Instant before = taken ? heldUntil.put(resource, until) : heldUntil.remove(resource);
            if (taken && (before == null || !asked.isBefore(before))) {
                LOG.infof("lease: %s took %s", instance, resource);
                onTaken.accept(resource);
            } else if (!taken && before != null) {
                LOG.infof("lease: %s lost %s to %s", instance, resource, holderOf(resource));
            }
        } catch (SQLException | RuntimeException e) {
            // The lease runs out by itself (heldUntil) unless a later renewal gets through.
            LOG.warnf("lease: could not renew %s: %s", resource, e.toString());
        }
    }

    private String holderOf(String resource) {
        try {
            return table.find(resource).map(LeaseHolder::holder).orElse("nobody");
        } catch (SQLException e) {
            return "another instance";
        }
    }
}
