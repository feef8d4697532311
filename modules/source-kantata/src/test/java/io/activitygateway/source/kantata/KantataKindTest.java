package io.activitygateway.source.kantata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.activitygateway.spi.InvalidSettingException;
import io.activitygateway.spi.SettingDescriptor;
import io.activitygateway.spi.SourceKind;
import io.activitygateway.testkit.TestSettings;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class KantataKindTest {

    private final KantataKind kind = new KantataKind();

    private TestSettings settings() {
        return TestSettings.of(kind).token("t");
    }

    private InvalidSettingException refused(TestSettings settings) {
        return assertThrows(InvalidSettingException.class, () -> kind.create(settings.build()));
    }

    @Test
    void isFoundByTheServiceLoader() {
        assertTrue(ServiceLoader.load(SourceKind.class).stream().map(ServiceLoader.Provider::get)
                .anyMatch(k -> k instanceof KantataKind && k.name().equals("kantata")));
    }

    @Test
    void hasTheDocumentedDefaults() throws Exception {
        assertEquals(URI.create("https://api.mavenlink.com/api/v1"), kind.defaultBaseUrl().orElseThrow());
        assertEquals(Duration.ofMinutes(15), kind.defaultLookback());
        assertEquals(Duration.ofDays(7), kind.defaultInitialWindow());
        assertEquals(List.of("event-types", "subject-types", "retention"),
                kind.settings().stream().map(SettingDescriptor::key).toList());
        KantataSettings s = KantataSettings.read(settings().build());
        assertEquals(Duration.ofDays(7), s.retention());
        assertInstanceOf(KantataAdapter.class, kind.create(settings().build()));
    }

    @Test
    void requiresAToken() {
        assertEquals("gateway.sources.kantata-test.token", refused(TestSettings.of(kind)).key());
    }

    @Test
    void theInitialWindowMayNotReachBeyondTheRetention() throws Exception {
        InvalidSettingException e = refused(settings().option("retention", "3d"));
        assertEquals("gateway.sources.kantata-test.initial-window", e.key(), "the default 7d exceeds 3d");
        assertTrue(e.getMessage().contains("at most 3d"), e.getMessage());
        kind.create(settings().option("retention", "3d").initialWindow(Duration.ofDays(3)).build());
        kind.create(settings().option("retention", "9d").initialWindow(Duration.ofDays(9)).build());
    }

    @Test
    void theRetentionIsAtMostNineDays() {
        InvalidSettingException e = refused(settings().option("retention", "10d"));
        assertEquals("gateway.sources.kantata-test.retention", e.key());
        assertTrue(e.getMessage().contains("at most 9d"), e.getMessage());
        assertEquals("gateway.sources.kantata-test.retention", refused(settings().option("retention", "soon"))
                .key());
    }

    @Test
    void theLookbackIsPositiveAndShorterThanTheRetention() {
        assertEquals("gateway.sources.kantata-test.lookback", refused(settings().lookback(Duration.ZERO)).key());
        InvalidSettingException e = refused(settings().lookback(Duration.ofDays(7)));
        assertEquals("gateway.sources.kantata-test.lookback", e.key());
        assertTrue(e.getMessage().contains("shorter than the retention (7d)"), e.getMessage());
    }

    @Test
    void filtersMustBeSpelledAsKantataDoes() throws Exception {
        InvalidSettingException e = refused(settings().option("event-types", "time_entry:created, TimeEntry"));
        assertEquals("gateway.sources.kantata-test.event-types", e.key());
        assertTrue(e.getMessage().contains("'TimeEntry'"), e.getMessage());
        e = refused(settings().option("subject-types", "TimeEntry,time_entry"));
        assertEquals("gateway.sources.kantata-test.subject-types", e.key());
        assertTrue(e.getMessage().contains("'time_entry' is not a subject type Kantata filters by; one of"
                + " AccountColor, "), e.getMessage());
        assertEquals("gateway.sources.kantata-test.subject-types",
                refused(settings().option("subject-types", "TimeEntries")).key());

        KantataSettings s = KantataSettings.read(settings().option("event-types", " time_entry:created ,story:updated")
                .option("subject-types", "TimeEntry, Story, TimeEntry").build());
        assertEquals(List.of("time_entry:created", "story:updated"), s.eventTypes());
        assertEquals(List.of("TimeEntry", "Story"), s.subjectTypes(), "a repeated subject type is one feed");
    }
}
