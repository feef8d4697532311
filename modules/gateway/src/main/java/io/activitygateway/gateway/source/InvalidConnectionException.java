package io.activitygateway.gateway.source;

import java.util.List;

/**
 * A connection given through the API is invalid. Each problem names its key the way start-up would
 * ({@code gateway.sources.<name>.<key>: reason}).
 */
public class InvalidConnectionException extends RuntimeException {

    private final List<String> problems;

    public InvalidConnectionException(List<String> problems) {
        super(String.join("; ", problems), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
