package io.activitygateway.spi;

/**
 * The source refused our credentials or our rights (401, 403, a bad signature). Retrying would only repeat it,
 * so the gateway stops polling the connection and shows this in its status until asked to poll again.
 */
public class AuthenticationException extends SourceException {

    public AuthenticationException(String message, Integer httpStatus) {
        super(message, httpStatus, null, null);
    }
}
