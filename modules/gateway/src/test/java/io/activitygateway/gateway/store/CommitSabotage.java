package io.activitygateway.gateway.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test-only: makes the commit of chosen connections fail after their events were inserted but before the
 * transaction ends, as a crash or a database error at that moment would.
 */
@ApplicationScoped
public class CommitSabotage {

    private final Set<String> doomed = ConcurrentHashMap.newKeySet();

    public void failCommitsOf(String connection) {
        doomed.add(connection);
    }

    public void clear() {
        doomed.clear();
    }

    void inTransaction(@Observes EventsCommitted committed) {
        if (doomed.contains(committed.connection())) {
            throw new IllegalStateException("sabotaged commit of " + committed.connection());
        }
    }
}
