package io.activitygateway.source.onehub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.activitygateway.source.onehub.Position.Purpose;
import io.activitygateway.source.onehub.Position.Window;
import io.activitygateway.spi.Checkpoint;
import io.activitygateway.spi.SourceException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PositionTest {

    private static final Instant HEAD = Instant.parse("2026-11-20T09:00:00Z");
    private static final Duration LOOKBACK = Duration.ofMinutes(10);

    @Test
    void isReadableJsonThatRoundTrips() throws SourceException {
        Position p = new Position(HEAD, HEAD.minus(LOOKBACK), null, null, new Window(Purpose.NEW, HEAD,
                Instant.parse("2026-11-20T10:00:00Z"), Instant.parse("2026-11-20T09:30:00Z"),
                Instant.parse("2026-11-20T09:59:00Z")), null);

        assertEquals("{\"head\":\"2026-11-20T09:00:00Z\",\"settled\":\"2026-11-20T08:50:00Z\",\"window\":{\"purpose\":"
                + "\"new\",\"from\":\"2026-11-20T09:00:00Z\",\"to\":\"2026-11-20T10:00:00Z\",\"feedUnreadTo\":"
                + "\"2026-11-20T09:30:00Z\",\"newest\":\"2026-11-20T09:59:00Z\"}}", p.checkpoint().toJson());
        assertEquals(Optional.of(p), Position.of(Optional.of(Checkpoint.parse(p.checkpoint().toJson()))));
    }

    @Test
    void finishingAWindowMovesWhatItsPurposeSays() {
        Position p = new Position(HEAD, HEAD.minus(LOOKBACK), null, null, null, null);
        Instant newest = HEAD.plusSeconds(600);
        Position afterNew = p.reading(Window.of(Purpose.NEW, HEAD, newest).saw(newest))
                .finished(LOOKBACK);
        assertEquals(new Position(newest, HEAD.minus(LOOKBACK), null, null, null, null), afterNew);
        Position afterSettle = afterNew.reading(Window.of(Purpose.SETTLE, HEAD.minus(LOOKBACK),
                newest.minus(LOOKBACK).minusSeconds(1))).finished(LOOKBACK);
        assertEquals(newest.minus(LOOKBACK), afterSettle.settled());
        Position afterTail = afterSettle.reading(Window.of(Purpose.TAIL, afterSettle.settled(), newest.plusSeconds(900)))
                .finished(LOOKBACK);
        assertEquals(newest.plusSeconds(900), afterTail.tailReadAt());
        assertNull(afterTail.window());
    }

    @Test
    void anOlderGatewaysReadThroughBecomesHeadAndSettledPoint() throws SourceException {
        Position old = Position.of(Optional.of(Checkpoint.parse("{\"readThrough\":\"2026-11-20T09:00:00Z\"}")))
                .orElseThrow();
        assertEquals(new Position(HEAD, HEAD.minus(LOOKBACK), null, null, null, null), old.upgraded(LOOKBACK));
    }

    @Test
    void aCheckpointOfAnotherShapeStopsThePollWithAReason() {
        SourceException e = assertThrows(SourceException.class,
                () -> Position.of(Optional.of(Checkpoint.parse("{\"head\":\"not a time\"}"))));
        assertEquals(true, e.getMessage().contains("not an Onehub position"), e.getMessage());
    }
}
