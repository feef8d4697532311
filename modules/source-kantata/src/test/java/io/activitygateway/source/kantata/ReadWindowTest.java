package io.activitygateway.source.kantata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.activitygateway.spi.Gap;
import io.activitygateway.spi.Secret;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReadWindowTest {

    private static final Instant NOW = Instant.parse("2024-05-20T12:00:00Z");
    private static final KantataSettings SETTINGS = new KantataSettings(new Secret("t"), Duration.ofMinutes(15),
            Duration.ofDays(3), Duration.ofDays(7), List.of(), List.of());
    private static final Feed ALL = new Feed(null);

    @Test
    void theFirstPollReachesBackTheInitialWindowAndReportsNoGap() {
        ReadWindow w = ReadWindow.plan(Optional.empty(), NOW, SETTINGS);
        assertEquals(NOW.minus(Duration.ofDays(3)), w.from());
        assertEquals(NOW, w.before());
        assertNull(w.resumedAt());
        assertEquals(Optional.empty(), w.gap(Optional.empty(), ALL));
    }

    @Test
    void everyLaterPollReReadsTheLookback() {
        Instant checkpoint = NOW.minusSeconds(30);
        ReadWindow w = ReadWindow.plan(Optional.of(checkpoint), NOW, SETTINGS);
        assertEquals(checkpoint.minus(Duration.ofMinutes(15)), w.from());
        assertEquals(NOW, w.before());
        assertEquals(Optional.empty(), w.gap(Optional.empty(), ALL));
    }

    @Test
    void aCheckpointInTheFutureIsClampedToThePollStart() {
        ReadWindow w = ReadWindow.plan(Optional.of(NOW.plus(Duration.ofHours(5))), NOW, SETTINGS);
        assertEquals(NOW.minus(Duration.ofMinutes(15)), w.from());
        assertEquals(NOW, w.resumedAt());
    }

    @Test
    void aCheckpointOlderThanTheRetentionIsAGapUpToWhatKantataStillKeeps() {
        Instant checkpoint = NOW.minus(Duration.ofDays(10));
        ReadWindow w = ReadWindow.plan(Optional.of(checkpoint), NOW, SETTINGS);
        assertEquals(checkpoint.minus(Duration.ofMinutes(15)), w.from(), "still asks for all it may have");
        Gap gap = w.gap(Optional.of(NOW.minus(Duration.ofDays(6))), ALL).orElseThrow();
        assertEquals(checkpoint.minus(Duration.ofMinutes(15)), gap.from(),
                "late events created in the lookback before the checkpoint were never re-read");
        assertEquals(NOW.minus(Duration.ofDays(7)), gap.to());
        assertTrue(gap.reason().contains("all subject types"), gap.reason());
        assertTrue(gap.reason().contains("for 7d"), gap.reason());
        assertTrue(gap.reason().contains("re-reading 15m before it"), gap.reason());
    }

    @Test
    void eventsOlderThanTheRetentionStillReturnedShrinkTheGap() {
        Instant checkpoint = NOW.minus(Duration.ofDays(10));
        ReadWindow w = ReadWindow.plan(Optional.of(checkpoint), NOW, SETTINGS);
        Instant oldest = NOW.minus(Duration.ofDays(8));
        assertEquals(oldest, w.gap(Optional.of(oldest), ALL).orElseThrow().to());
        assertEquals(Optional.empty(), w.gap(Optional.of(w.from()), ALL),
                "Kantata still holds events from the window's start: nothing was dropped");
    }

    @Test
    void aWindowStartingInsideTheRetentionIsNoGap() {
        Instant checkpoint = NOW.minus(Duration.ofDays(7)).plus(Duration.ofMinutes(15));
        assertEquals(Optional.empty(), ReadWindow.plan(Optional.of(checkpoint), NOW, SETTINGS)
                .gap(Optional.empty(), ALL));
        Gap edge = ReadWindow.plan(Optional.of(checkpoint.minusSeconds(1)), NOW, SETTINGS)
                .gap(Optional.empty(), ALL).orElseThrow();
        assertEquals(Duration.ofSeconds(1), Duration.between(edge.from(), edge.to()));
    }
}
