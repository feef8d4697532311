package io.activitygateway.source.onehub;

import io.activitygateway.spi.ConnectionSettings;
import io.activitygateway.spi.InvalidSettingException;
import io.activitygateway.spi.SettingDescriptor;
import io.activitygateway.spi.SourceAdapter;
import io.activitygateway.spi.SourceKind;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Onehub: the user's activity feed ({@code GET /activity/}) plus the audit trails of chosen files. */
public final class OnehubKind implements SourceKind {

    public static final String NAME = "onehub";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<SettingDescriptor> settings() {
        return List.of(
                SettingDescriptor.optional(OnehubConfig.WORKSPACES,
                        "comma-separated workspace ids: only their events (sent as workspaces[]); default all"),
                SettingDescriptor.optional(OnehubConfig.VERBS, "comma-separated verbs among "
                        + String.join(", ", OnehubConfig.KNOWN_VERBS) + " (sent as verbs[]); default all"),
                SettingDescriptor.optional(OnehubConfig.FILTER_SELF,
                        "true to leave out the token user's own events (sent as filter_self); default false"),
                SettingDescriptor.optional(OnehubConfig.ACTOR, "a user id: only that user's events (sent as actor)"),
                SettingDescriptor.optional(OnehubConfig.AUDIT_FILES, "comma-separated file ids whose"
                        + " /files/{id}/audit_trail is polled too (the token's user must be a moderator)"),
                SettingDescriptor.optional(OnehubConfig.WEB_URL, "scheme://host[:port] that object and container"
                        + " links are resolved against; default the origin of base-url"));
    }

    @Override
    public Optional<URI> defaultBaseUrl() {
        return Optional.of(URI.create("https://ws-api.onehub.com"));
    }

    /** Onehub documents no late events; this covers clock skew and visibility delay, at one page's cost. */
    @Override
    public Duration defaultLookback() {
        return Duration.ofMinutes(10);
    }

    @Override
    public Duration defaultInitialWindow() {
        return Duration.ofDays(7);
    }

    @Override
    public SourceAdapter create(ConnectionSettings settings) throws InvalidSettingException {
        return new OnehubAdapter(OnehubConfig.from(settings));
    }
}
