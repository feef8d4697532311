package io.activitygateway.gateway.http;

/** Told of every upstream request the client sends (each retry too): how it ended and how long it took. */
@FunctionalInterface
public interface RequestObserver {

    RequestObserver NONE = (outcome, nanos) -> {
    };

    /**
     * @param outcome the status class ({@code 2xx}, {@code 4xx}, {@code 5xx}), {@code 429} by itself, or
     *        {@code timeout} / {@code io_error} when no answer came
     */
    void observed(String outcome, long nanos);

    static String outcome(int status) {
        return status == 429 ? "429" : (status / 100) + "xx";
    }
}
