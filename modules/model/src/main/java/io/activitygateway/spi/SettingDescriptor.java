package io.activitygateway.spi;

/**
 * A kind-specific setting, read from {@code gateway.sources.<name>.<key>}.
 *
 * @param key         the key below the connection, e.g. {@code event-types}
 * @param description one line for the docs and for error messages
 * @param required    whether a connection of this kind is incomplete without it
 */
public record SettingDescriptor(String key, String description, boolean required) {

    public static SettingDescriptor optional(String key, String description) {
        return new SettingDescriptor(key, description, false);
    }

    public static SettingDescriptor required(String key, String description) {
        return new SettingDescriptor(key, description, true);
    }
}
