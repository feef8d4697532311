package io.activitygateway.gateway.sink;

/** The sink comes from configuration: it changes there (and with a restart), not through the API. */
public class ReadOnlySinkException extends RuntimeException {

    public ReadOnlySinkException(String name) {
        super("Sink '" + name + "' comes from configuration (gateway.sinks." + name + ".*) and is read-only here;"
                + " change it in the configuration, or create a sink of another name through the API.",
                null, false, false);
    }
}
