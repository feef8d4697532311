package io.activitygateway.spi;

/** A connection's setting is missing or wrong; the message names the full key and says what is wrong. */
public class InvalidSettingException extends Exception {

    private final String key;

    public InvalidSettingException(String key, String problem) {
        super(key + ": " + problem);
        this.key = key;
    }

    /** The full configuration key, e.g. {@code gateway.sources.acme.timezone}. */
    public String key() {
        return key;
    }
}
