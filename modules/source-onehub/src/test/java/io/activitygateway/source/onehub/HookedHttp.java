package io.activitygateway.source.onehub;

import io.activitygateway.spi.SourceException;
import io.activitygateway.spi.SourceHttp;
import io.activitygateway.spi.SourceRequest;
import io.activitygateway.spi.SourceResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Real HTTP (through {@code http}) that runs an action right after a chosen request was answered, to change the
 * upstream data or queue a fault in the middle of a poll. Keeps the bodies it received.
 */
final class HookedHttp implements SourceHttp {

    private final SourceHttp http;
    private final Map<Integer, Runnable> after = new HashMap<>();
    private final List<String> bodies = new ArrayList<>();
    private int requests;

    HookedHttp(SourceHttp http) {
        this.http = http;
    }

    /** Runs {@code action} once the {@code n}-th request (1-based) has its answer. */
    HookedHttp after(int n, Runnable action) {
        after.put(n, action);
        return this;
    }

    @Override
    public SourceResponse send(SourceRequest request) throws SourceException {
        int n = ++requests;
        try {
            SourceResponse response = http.send(request);
            bodies.add(response.text());
            return response;
        } finally {
            Runnable action = after.remove(n);
            if (action != null) {
                action.run();
            }
        }
    }

    List<String> bodies() {
        return List.copyOf(bodies);
    }
}
