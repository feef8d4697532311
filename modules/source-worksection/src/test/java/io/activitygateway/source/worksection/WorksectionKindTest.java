package io.activitygateway.source.worksection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.activitygateway.spi.InvalidSettingException;
import io.activitygateway.spi.SourceKind;
import io.activitygateway.testkit.TestSettings;
import java.net.URI;
import java.time.Duration;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class WorksectionKindTest {

    private final WorksectionKind kind = new WorksectionKind();

    private TestSettings valid() {
        return TestSettings.of(kind).connection("ws")
                .baseUrl(URI.create("https://acme.worksection.com/api/admin/v2/"))
                .apiKey("k").timezone("Europe/Kyiv");
    }

    private InvalidSettingException refused(TestSettings settings) {
        return assertThrows(InvalidSettingException.class, () -> kind.create(settings.build()));
    }

    @Test
    void isFoundByServiceLoaderAndHasNoDefaultBaseUrl() {
        assertTrue(ServiceLoader.load(SourceKind.class).stream()
                .anyMatch(p -> p.type() == WorksectionKind.class));
        assertEquals("worksection", kind.name());
        assertTrue(kind.defaultBaseUrl().isEmpty());
        assertEquals(Duration.ofMinutes(5), kind.defaultLookback());
        assertEquals(Duration.ofDays(1), kind.defaultInitialWindow());
    }

    @Test
    void acceptsACompleteConnection() throws Exception {
        kind.create(valid().build());
        kind.create(valid().option("project-ids", "7, 9").build());
    }

    @Test
    void requiresApiKeyAndTimezone() {
        assertEquals("gateway.sources.ws.api-key",
                refused(TestSettings.of(kind).connection("ws").baseUrl(URI.create("https://a.worksection.com/"))
                        .timezone("Europe/Kyiv")).key());
        assertEquals("gateway.sources.ws.timezone",
                refused(TestSettings.of(kind).connection("ws").baseUrl(URI.create("https://a.worksection.com/"))
                        .apiKey("k")).key());
    }

    @Test
    void lookbackMustCoverAtLeastTwoMinutes() {
        InvalidSettingException e = refused(valid().lookback(Duration.ofSeconds(90)));
        assertEquals("gateway.sources.ws.lookback", e.key());
        assertTrue(e.getMessage().contains("90s"), e.getMessage());
        assertEquals("gateway.sources.ws.lookback", refused(valid().lookback(Duration.ofDays(2))).key());
    }

    @Test
    void initialWindowCannotReachBeyondWhatTheApiKeeps() {
        InvalidSettingException e = refused(valid().initialWindow(Duration.ofDays(31)));
        assertEquals("gateway.sources.ws.initial-window", e.key());
        assertTrue(e.getMessage().contains("31d"), e.getMessage());
    }

    @Test
    void projectIdsMustBeIdsAndBaseUrlHttp() {
        assertEquals("gateway.sources.ws.project-ids", refused(valid().option("project-ids", "7,web")).key());
        assertEquals("gateway.sources.ws.base-url", refused(valid().baseUrl(URI.create("acme.worksection.com"))).key());
    }
}
