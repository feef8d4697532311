package io.activitygateway.sandbox.kantata;

/** A request Kantata refuses, answered as {@code {"errors":[{"type":..,"message":..}]}}. */
final class KantataError extends RuntimeException {

    final int status;
    final String type;

    KantataError(int status, String type, String message) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
    }

    static KantataError validation(String message) {
        return new KantataError(422, "validation", message);
    }

    static KantataError badRequest(String message) {
        return new KantataError(400, "bad_request", message);
    }
}
