package io.activitygateway.source.worksection;

import io.activitygateway.spi.ConnectionSettings;
import io.activitygateway.spi.Durations;
import io.activitygateway.spi.InvalidSettingException;
import io.activitygateway.spi.Secret;
import io.activitygateway.spi.SettingDescriptor;
import io.activitygateway.spi.SourceAdapter;
import io.activitygateway.spi.SourceKind;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

/**
 * Worksection ({@code get_events} of the admin API v2). Every account has its own address, so {@code base-url}
 * has no default; {@code api-key} and {@code timezone} (the account's, in which {@code date_added} is written)
 * are required.
 */
public final class WorksectionKind implements SourceKind {

    static final String PROJECT_IDS = "project-ids";

    /** Two minutes at least: the oldest minute of a window is usually cut, so the previous read must cover it. */
    static final Duration MIN_LOOKBACK = Duration.ofMinutes(2);
    /** Every poll re-reads its lookback; more than a day would make each poll read days for nothing. */
    static final Duration MAX_LOOKBACK = Duration.ofDays(1);

    @Override
    public String name() {
        return "worksection";
    }

    @Override
    public List<SettingDescriptor> settings() {
        return List.of(SettingDescriptor.optional(PROJECT_IDS, "comma-separated project ids: read each project"
                + " with its own request (id_project) instead of the whole account in one"));
    }

    @Override
    public Duration defaultLookback() {
        return Duration.ofMinutes(5);
    }

    @Override
    public Duration defaultInitialWindow() {
        return Duration.ofDays(1);
    }

    @Override
    public SourceAdapter create(ConnectionSettings settings) throws InvalidSettingException {
        URI baseUrl = settings.baseUrl();
        if (baseUrl.getScheme() == null || !baseUrl.getScheme().matches("https?") || baseUrl.getHost() == null) {
            throw new InvalidSettingException(settings.key("base-url"), "'" + baseUrl + "' is not an absolute"
                    + " http(s) URL; expected the account's API root, https://<account>.worksection.com/api/admin/v2/");
        }
        Secret apiKey = settings.requireApiKey();
        ZoneId zone = settings.requireTimezone();
        Duration lookback = settings.lookback();
        if (lookback.compareTo(MIN_LOOKBACK) < 0 || lookback.compareTo(MAX_LOOKBACK) > 0) {
            throw new InvalidSettingException(settings.key("lookback"), "must be between 2m and 1d, was "
                    + Durations.format(lookback) + "; date_added has only minutes, so each read must overlap the previous one by"
                    + " at least two of them");
        }
        Duration initialWindow = settings.initialWindow();
        if (initialWindow.compareTo(Period.LONGEST.length()) > 0) {
            throw new InvalidSettingException(settings.key("initial-window"), "must be at most 30d, was "
                    + Durations.format(initialWindow) + "; get_events reaches back at most 30 days");
        }
        List<Scope> scopes = settings.idListOption(PROJECT_IDS).stream().distinct().map(Scope::project).toList();
        Links links = new Links(baseUrl);
        return new WorksectionAdapter(scopes.isEmpty() ? List.of(Scope.ACCOUNT) : scopes,
                new WindowPlanner(lookback, initialWindow, zone),
                new EventsRequester(apiKey),
                new PageMapper(new RecordMapper(links), new AccountTime(zone)),
                new Truncation(lookback));
    }
}
