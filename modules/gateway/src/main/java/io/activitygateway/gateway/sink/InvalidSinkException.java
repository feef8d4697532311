package io.activitygateway.gateway.sink;

import java.util.List;

/**
 * A sink given through the API is invalid. Each problem names its key the way start-up would
 * ({@code gateway.sinks.<name>.<key>: reason}).
 */
public class InvalidSinkException extends RuntimeException {

    private final List<String> problems;

    public InvalidSinkException(List<String> problems) {
        super(String.join("; ", problems), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
