package io.activitygateway.source.kantata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.activitygateway.source.kantata.ReadPlan.Range;
import io.activitygateway.spi.Gap;
import io.activitygateway.spi.Secret;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReadPlanTest {

    private static final Instant NOW = Instant.parse("2024-05-20T12:00:00Z");
    private static final Duration LOOKBACK = Duration.ofMinutes(15);
    private static final KantataSettings SETTINGS = new KantataSettings(new Secret("t"), LOOKBACK,
            Duration.ofDays(3), Duration.ofDays(7), List.of(), List.of());
    private static final Feed ALL = new Feed(null);

    private static ReadPlan plan(Instant settled, Instant read) {
        return ReadPlan.plan(Optional.of(new FeedPosition(settled, read)), NOW, SETTINGS);
    }

    @Test
    void theFirstPollReadsTheInitialWindowAndReportsNoGap() {
        ReadPlan p = ReadPlan.plan(Optional.empty(), NOW, SETTINGS);
        assertEquals(List.of(new Range(NOW.minus(Duration.ofDays(3)), NOW)), p.ranges());
        assertEquals(Optional.empty(), p.gap(Optional.empty(), ALL));
        FeedPosition done = p.advance(p.start(), p.ranges().get(0), NOW);
        assertEquals(new FeedPosition(NOW.minus(LOOKBACK), NOW), done,
                "the last lookback of the first read has not settled yet");
    }

    @Test
    void aPollSoonAfterTheLastReadsOnlyWhatIsNew() {
        Instant last = NOW.minusSeconds(30);
        ReadPlan p = plan(last.minus(LOOKBACK), last);
        assertEquals(List.of(new Range(last, NOW)), p.ranges(), "30 s settled since: not worth a request yet");
        assertEquals(new FeedPosition(last.minus(LOOKBACK), NOW), p.advance(p.start(), p.ranges().get(0), NOW));
    }

    @Test
    void onceAThirdOfTheLookbackHasSettledItIsReadAgainBeforeWhatIsNew() {
        Instant last = NOW.minusSeconds(30);
        Instant settled = NOW.minus(LOOKBACK).minus(Duration.ofMinutes(5));
        ReadPlan p = plan(settled, last);
        Range settling = new Range(settled, NOW.minus(LOOKBACK));
        Range fresh = new Range(last, NOW);
        assertEquals(List.of(settling, fresh), p.ranges());

        FeedPosition halfway = p.advance(p.start(), settling, settled.plus(Duration.ofMinutes(2)));
        assertEquals(new FeedPosition(settled.plus(Duration.ofMinutes(2)), last), halfway,
                "the settling range moves only the settled cursor");
        FeedPosition settledAll = p.advance(halfway, settling, settling.before());
        FeedPosition done = p.advance(settledAll, fresh, NOW);
        assertEquals(new FeedPosition(NOW.minus(LOOKBACK), NOW), done);
        assertEquals(new FeedPosition(NOW.minus(LOOKBACK), last.plusSeconds(10)),
                p.advance(settledAll, fresh, last.plusSeconds(10)), "the fresh range moves only the read cursor");
    }

    @Test
    void aPollALookbackOrMoreAfterTheLastReadsOneRangeFromTheSettledCursor() {
        Instant last = NOW.minus(Duration.ofHours(2));
        ReadPlan p = plan(last.minus(LOOKBACK), last);
        assertEquals(List.of(new Range(last.minus(LOOKBACK), NOW)), p.ranges());
        FeedPosition partway = p.advance(p.start(), p.ranges().get(0), last.plus(Duration.ofMinutes(30)));
        assertEquals(new FeedPosition(last.plus(Duration.ofMinutes(30)), last.plus(Duration.ofMinutes(30))),
                partway);
        assertEquals(new FeedPosition(NOW.minus(LOOKBACK), NOW), p.advance(partway, p.ranges().get(0), NOW));
    }

    @Test
    void cursorsNeverGoBackNorPastThePollStart() {
        ReadPlan p = plan(NOW.minus(Duration.ofHours(2)), NOW.minus(Duration.ofHours(1)));
        FeedPosition start = p.start();
        assertEquals(start, p.advance(start, p.ranges().get(0), NOW.minus(Duration.ofHours(3))));
        assertEquals(new FeedPosition(NOW.minus(LOOKBACK), NOW),
                p.advance(start, p.ranges().get(0), NOW.plus(Duration.ofHours(3))));
    }

    @Test
    void aPositionInTheFutureIsClampedToThePollStart() {
        ReadPlan p = plan(NOW.plus(Duration.ofHours(4)), NOW.plus(Duration.ofHours(5)));
        assertEquals(new FeedPosition(NOW, NOW), p.start());
        assertEquals(List.of(new Range(NOW, NOW)), p.ranges());
    }

    @Test
    void aSettledCursorOlderThanTheRetentionIsAGapUpToWhatKantataStillKeeps() {
        Instant last = NOW.minus(Duration.ofDays(10));
        ReadPlan p = plan(last.minus(LOOKBACK), last);
        assertEquals(List.of(new Range(last.minus(LOOKBACK), NOW)), p.ranges(), "still asks for all it may have");
        Gap gap = p.gap(Optional.of(NOW.minus(Duration.ofDays(6))), ALL).orElseThrow();
        assertEquals(last.minus(LOOKBACK), gap.from(), "late events after the settled cursor were never re-read");
        assertEquals(NOW.minus(Duration.ofDays(7)), gap.to());
        assertTrue(gap.reason().contains("all subject types"), gap.reason());
        assertTrue(gap.reason().contains("for 7d"), gap.reason());
    }

    @Test
    void eventsOlderThanTheRetentionStillReturnedShrinkTheGap() {
        Instant last = NOW.minus(Duration.ofDays(10));
        ReadPlan p = plan(last.minus(LOOKBACK), last);
        Instant oldest = NOW.minus(Duration.ofDays(8));
        assertEquals(oldest, p.gap(Optional.of(oldest), ALL).orElseThrow().to());
        assertEquals(Optional.empty(), p.gap(Optional.of(last.minus(LOOKBACK)), ALL),
                "Kantata still holds events from the settled cursor on: nothing was dropped");
    }

    @Test
    void aSettledCursorInsideTheRetentionIsNoGap() {
        Instant settled = NOW.minus(Duration.ofDays(7));
        assertEquals(Optional.empty(), plan(settled, settled.plus(LOOKBACK)).gap(Optional.empty(), ALL));
        Gap edge = plan(settled.minusSeconds(1), settled.plus(LOOKBACK)).gap(Optional.empty(), ALL).orElseThrow();
        assertEquals(Duration.ofSeconds(1), Duration.between(edge.from(), edge.to()));
    }
}
