package io.activitygateway.source.onehub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.activitygateway.spi.InvalidSettingException;
import io.activitygateway.spi.SettingDescriptor;
import io.activitygateway.spi.SourceKind;
import io.activitygateway.testkit.TestSettings;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OnehubKindTest {

    private final OnehubKind kind = new OnehubKind();

    private TestSettings valid() {
        return TestSettings.of(kind).connection("files").token("t0ken").timezone("America/Los_Angeles");
    }

    @Test
    void isFoundByTheServiceLoaderUnderItsName() {
        assertTrue(ServiceLoader.load(SourceKind.class).stream()
                .anyMatch(p -> p.get().name().equals("onehub") && p.type() == OnehubKind.class));
    }

    @Test
    void defaultsToTheVendorsApiHost() {
        assertEquals(Optional.of(URI.create("https://ws-api.onehub.com")), kind.defaultBaseUrl());
        assertEquals(Duration.ofMinutes(10), kind.defaultLookback());
        assertEquals(Duration.ofDays(7), kind.defaultInitialWindow());
        assertEquals(List.of("workspaces", "verbs", "filter-self", "actor", "audit-files", "web-url"),
                kind.settings().stream().map(SettingDescriptor::key).toList());
    }

    @Test
    void readsEverySetting() throws InvalidSettingException {
        OnehubConfig c = OnehubConfig.from(valid().baseUrl(URI.create("http://127.0.0.1:8123/onehub"))
                .option("workspaces", "4137, 99").option("verbs", "read,Upload").option("filter-self", "true")
                .option("actor", "481").option("audit-files", "849607").build());

        assertEquals("files", c.connection());
        assertEquals("t0ken", c.token().reveal());
        assertEquals(ZoneId.of("America/Los_Angeles"), c.zone());
        assertEquals(List.of(4137L, 99L), c.workspaces());
        assertEquals(List.of("read", "upload"), c.verbs());
        assertEquals(Optional.of(true), c.filterSelf());
        assertEquals(Optional.of(481L), c.actor());
        assertEquals(List.of(849607L), c.auditFiles());
        // links resolve against the origin, not below the API's path
        assertEquals(URI.create("http://127.0.0.1:8123"), c.webOrigin());
    }

    @Test
    void webUrlOverridesTheOriginOfLinks() throws InvalidSettingException {
        OnehubConfig c = OnehubConfig.from(valid().option("web-url", "https://ws.onehub.com/some/path").build());

        assertEquals(URI.create("https://ws.onehub.com"), c.webOrigin());
    }

    @Test
    void theTokenIsRequired() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> kind.create(TestSettings.of(kind).connection("files").timezone("UTC").build()));
        assertEquals("gateway.sources.files.token", e.key());
    }

    @Test
    void theTimezoneIsRequired() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> kind.create(TestSettings.of(kind).connection("files").token("t").build()));
        assertEquals("gateway.sources.files.timezone", e.key());
        assertTrue(e.getMessage().startsWith("gateway.sources.files.timezone: is required"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "verbs       | read,view      | 'view' is not a Onehub verb",
            "workspaces  | 4137,abc       | 'abc' is not a positive whole number",
            "audit-files | -3             | '-3' is not a positive whole number",
            "actor       | 1,2            | takes one user id, not 2",
            "filter-self | yes            | 'yes' is not true or false",
            "web-url     | ws.onehub.com  | is not an absolute http(s) URL"})
    void aWrongSettingIsNamedWithWhatIsWrong(String key, String value, String problem) {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> kind.create(valid().option(key, value).build()));
        assertEquals("gateway.sources.files." + key, e.key());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }
}
