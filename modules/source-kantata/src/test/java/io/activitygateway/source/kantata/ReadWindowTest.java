package io.activitygateway.source.kantata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    private static final Duration LOOKBACK = Duration.ofMinutes(15);
    private static final KantataSettings SETTINGS = new KantataSettings(new Secret("t"), LOOKBACK,
            Duration.ofDays(3), Duration.ofDays(7), List.of(), List.of());
    private static final Feed ALL = new Feed(null);

    private static FeedPosition busy(Instant head) {
        return new FeedPosition(head, head.minus(LOOKBACK), head, null);
    }

    @Test
    void aFeedWithoutEventsReadsFromItsFirstWindowsStartEveryTimeAndReportsNoGap() {
        ReadWindow w = ReadWindow.plan(FeedPosition.startingAt(NOW.minus(Duration.ofDays(3))), NOW, SETTINGS);
        assertEquals(NOW.minus(Duration.ofDays(3)), w.from());
        assertEquals(NOW, w.before());
        assertTrue(w.tail());
        assertEquals(Optional.empty(), w.gap(Optional.empty(), ALL));
        FeedPosition stillEmpty = new FeedPosition(null, NOW.minus(Duration.ofDays(9)), NOW.minusSeconds(30), null);
        assertEquals(NOW.minus(Duration.ofDays(9)), ReadWindow.plan(stillEmpty, NOW, SETTINGS).from(),
                "no clock decides that an empty feed is done with its first window");
        assertEquals(Optional.empty(), ReadWindow.plan(stillEmpty, NOW, SETTINGS).gap(Optional.empty(), ALL),
                "read 30 s ago: nothing can have been dropped unread");
    }

    @Test
    void aBusyFeedReadsFromJustAfterItsHeadAndSettlesALookbackBehindIt() {
        Instant head = NOW.minusSeconds(20);
        ReadWindow w = ReadWindow.plan(busy(head.minusSeconds(30)).withHead(head), NOW, SETTINGS);
        assertEquals(head.plusSeconds(1), w.from(), "created_after=head: exclusive");
        assertFalse(w.tail());
        assertEquals(Optional.of(head.minus(LOOKBACK)),
                ReadWindow.settleTo(busy(head.minusSeconds(30)).withHead(head), LOOKBACK));
        assertEquals(Optional.empty(), ReadWindow.settleTo(busy(head), LOOKBACK), "nothing new has settled");
    }

    @Test
    void aQuietFeedReadsItsTailOnceWhenKantatasClockIsALookbackPastTheHead() {
        Instant head = NOW.minus(LOOKBACK).minusSeconds(1);
        FeedPosition quiet = busy(head);
        ReadWindow w = ReadWindow.plan(quiet, NOW, SETTINGS);
        assertTrue(w.tail());
        assertEquals(quiet.settled(), w.from());
        FeedPosition read = quiet.readTo(w.before(), true);
        assertFalse(ReadWindow.plan(read, NOW.plusSeconds(30), SETTINGS).tail(), "once only");
        assertFalse(ReadWindow.plan(busy(NOW.minusSeconds(60)), NOW, SETTINGS).tail(), "not before a lookback");
    }

    @Test
    void aFeedFarFromSettledReadsOnFromItsHeadAndSettlesPageByPageInsteadOfStartingItsTailOver() {
        // A backfill cut short (a crash, Kantata's 429s): the head is old, so Kantata's clock is long past it, but the
        // settled point is two days behind it. Reading that whole stretch as one tail would start it over each poll.
        Instant head = NOW.minus(Duration.ofHours(6));
        FeedPosition behind = new FeedPosition(head, head.minus(Duration.ofDays(2)), head, null);
        ReadWindow w = ReadWindow.plan(behind, NOW, SETTINGS);
        assertFalse(w.tail());
        assertEquals(head.plusSeconds(1), w.from());
        assertEquals(Optional.of(head.minus(LOOKBACK)), ReadWindow.settleTo(behind, LOOKBACK),
                "what has settled is re-read by the settle read, which commits page by page");
        FeedPosition settled = behind.withSettled(head.minus(LOOKBACK));
        assertTrue(ReadWindow.plan(settled, NOW, SETTINGS).tail(), "then the last lookback is read as the tail");
    }

    @Test
    void anEstimateOfKantatasClockTrailingTheHeadStillAsksForANonEmptyWindow() {
        ReadWindow w = ReadWindow.plan(busy(NOW.plusSeconds(1)), NOW, SETTINGS);
        assertTrue(w.before().isAfter(w.from()));
    }

    @Test
    void aFeedLastReadLongerAgoThanTheRetentionIsAGapUpToWhatKantataStillKeeps() {
        Instant readTo = NOW.minus(Duration.ofDays(8));
        FeedPosition away = busy(readTo);
        ReadWindow w = ReadWindow.plan(away, NOW, SETTINGS);
        Gap gap = w.gap(Optional.empty(), ALL).orElseThrow();
        assertEquals(readTo.minus(LOOKBACK), gap.from());
        assertEquals(NOW.minus(Duration.ofDays(7)), gap.to());
        assertTrue(gap.reason().contains("7d"), gap.reason());
        Instant stillKept = NOW.minus(Duration.ofDays(8)).minus(Duration.ofMinutes(5));
        assertEquals(stillKept, w.gap(Optional.of(stillKept), ALL).orElseThrow().to(),
                "Kantata still serving older events shrinks the gap");
        assertEquals(Optional.empty(), w.gap(Optional.of(readTo.minus(Duration.ofHours(1))), ALL));
    }

    @Test
    void aQuietFeedReadEveryPollIsNoGapHoweverOldItsHead() {
        FeedPosition quiet = new FeedPosition(NOW.minus(Duration.ofDays(8)), NOW.minus(Duration.ofDays(8)).minus(LOOKBACK),
                NOW.minusSeconds(30), NOW.minus(Duration.ofDays(8)).plus(LOOKBACK));
        assertEquals(Optional.empty(), ReadWindow.plan(quiet, NOW, SETTINGS).gap(Optional.empty(), ALL));
    }

    @Test
    void anOlderGatewaysReadThroughBecomesAFeedPosition() {
        Position old = new Position(null, java.util.Map.of("all", NOW));
        FeedPosition p = old.upgraded(LOOKBACK).of(ALL).orElseThrow();
        assertEquals(NOW, p.head());
        assertEquals(NOW.minus(LOOKBACK), p.settled());
        assertEquals(NOW, p.readTo());
    }
}
