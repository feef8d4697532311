package io.activitygateway.source.onehub;

import io.activitygateway.spi.ConnectionSettings;
import io.activitygateway.spi.InvalidSettingException;
import io.activitygateway.spi.Secret;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One Onehub connection's settings, validated once at start-up.
 *
 * @param zone      the token user's time zone: Onehub reads {@code start_time}/{@code end_time} in it
 * @param webOrigin {@code scheme://host[:port]} that the detail's relative links are resolved against
 */
public record OnehubConfig(
        String connection,
        Secret token,
        ZoneId zone,
        Duration lookback,
        Duration initialWindow,
        List<Long> workspaces,
        List<String> verbs,
        Optional<Boolean> filterSelf,
        Optional<Long> actor,
        List<Long> auditFiles,
        URI webOrigin) {

    static final String WORKSPACES = "workspaces";
    static final String VERBS = "verbs";
    static final String FILTER_SELF = "filter-self";
    static final String ACTOR = "actor";
    static final String AUDIT_FILES = "audit-files";
    static final String WEB_URL = "web-url";

    /** The verbs {@code /activity/} filters on, as the vendor document lists them. */
    static final List<String> KNOWN_VERBS = List.of("create", "upload", "read", "download", "update", "delete",
            "invite");

    public OnehubConfig {
        workspaces = List.copyOf(workspaces);
        verbs = List.copyOf(verbs);
        auditFiles = List.copyOf(auditFiles);
    }

    static OnehubConfig from(ConnectionSettings s) throws InvalidSettingException {
        Secret token = s.requireToken();
        ZoneId zone = s.requireTimezone();
        List<String> verbs = s.listOption(VERBS).stream().map(v -> v.toLowerCase(Locale.ROOT)).toList();
        for (String verb : verbs) {
            if (!KNOWN_VERBS.contains(verb)) {
                throw new InvalidSettingException(s.key(VERBS), "'" + verb + "' is not a Onehub verb (expected"
                        + " a comma-separated list of " + String.join(", ", KNOWN_VERBS) + ")");
            }
        }
        List<Long> actor = s.idListOption(ACTOR);
        if (actor.size() > 1) {
            throw new InvalidSettingException(s.key(ACTOR), "takes one user id, not " + actor.size());
        }
        URI webOrigin = origin(s.option(WEB_URL).map(String::strip).orElse(s.baseUrl().toString()),
                s.key(s.option(WEB_URL).isPresent() ? WEB_URL : "base-url"));
        return new OnehubConfig(s.connection(), token, zone, s.lookback(), s.initialWindow(),
                s.idListOption(WORKSPACES), verbs, s.booleanOption(FILTER_SELF),
                actor.stream().findFirst(), s.idListOption(AUDIT_FILES), webOrigin);
    }

    private static URI origin(String url, String key) throws InvalidSettingException {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new InvalidSettingException(key, "'" + url + "' is not an absolute http(s) URL");
            }
            return new URI(scheme, null, uri.getHost(), uri.getPort(), null, null, null);
        } catch (URISyntaxException e) {
            throw new InvalidSettingException(key, "'" + url + "' is not a URL: " + e.getReason());
        }
    }
}
