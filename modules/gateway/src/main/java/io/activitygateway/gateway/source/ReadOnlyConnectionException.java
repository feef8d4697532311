package io.activitygateway.gateway.source;

/** The connection comes from configuration: it changes there (and with a restart), not through the API. */
public class ReadOnlyConnectionException extends RuntimeException {

    public ReadOnlyConnectionException(String name) {
        super("Connection '" + name + "' comes from configuration (gateway.sources." + name + ".*) and is read-only"
                + " here; change it in the configuration, or create a connection of another name through the API.",
                null, false, false);
    }
}
