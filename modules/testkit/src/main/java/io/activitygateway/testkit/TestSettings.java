package io.activitygateway.testkit;

import io.activitygateway.spi.ConnectionSettings;
import io.activitygateway.spi.Secret;
import io.activitygateway.spi.SourceKind;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Builds the {@link ConnectionSettings} the gateway would hand a kind, with that kind's defaults applied. */
public final class TestSettings {

    private final SourceKind kind;
    private String connection;
    private URI baseUrl;
    private Duration pollInterval = Duration.ofSeconds(30);
    private Duration lookback;
    private Duration initialWindow;
    private Secret token;
    private Secret apiKey;
    private ZoneId timezone;
    private final Map<String, String> options = new LinkedHashMap<>();

    private TestSettings(SourceKind kind) {
        this.kind = kind;
        this.connection = kind.name() + "-test";
        this.lookback = kind.defaultLookback();
        this.initialWindow = kind.defaultInitialWindow();
        this.baseUrl = kind.defaultBaseUrl().orElse(null);
    }

    public static TestSettings of(SourceKind kind) {
        return new TestSettings(kind);
    }

    public TestSettings connection(String name) {
        this.connection = name;
        return this;
    }

    public TestSettings baseUrl(URI url) {
        this.baseUrl = url;
        return this;
    }

    public TestSettings pollInterval(Duration d) {
        this.pollInterval = d;
        return this;
    }

    public TestSettings lookback(Duration d) {
        this.lookback = d;
        return this;
    }

    public TestSettings initialWindow(Duration d) {
        this.initialWindow = d;
        return this;
    }

    public TestSettings token(String value) {
        this.token = new Secret(value);
        return this;
    }

    public TestSettings apiKey(String value) {
        this.apiKey = new Secret(value);
        return this;
    }

    public TestSettings timezone(String zone) {
        this.timezone = ZoneId.of(zone);
        return this;
    }

    public TestSettings option(String key, String value) {
        options.put(key, value);
        return this;
    }

    public ConnectionSettings build() {
        return new ConnectionSettings(connection, kind.name(), baseUrl, pollInterval, lookback, initialWindow,
                Optional.ofNullable(token), Optional.ofNullable(apiKey), Optional.ofNullable(timezone), options);
    }
}
