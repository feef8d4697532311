package io.activitygateway.source.onehub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.activitygateway.source.onehub.Position.Window;
import io.activitygateway.spi.Checkpoint;
import io.activitygateway.spi.SourceException;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PositionTest {

    @Test
    void isReadableJsonThatRoundTrips() throws SourceException {
        Position p = new Position(Instant.parse("2026-11-20T09:00:00Z"), new Window(
                Instant.parse("2026-11-20T08:50:00Z"), Instant.parse("2026-11-20T10:00:00Z"),
                Instant.parse("2026-11-20T09:30:00Z")));

        assertEquals("{\"readThrough\":\"2026-11-20T09:00:00Z\",\"window\":{\"from\":\"2026-11-20T08:50:00Z\","
                + "\"to\":\"2026-11-20T10:00:00Z\",\"feedUnreadTo\":\"2026-11-20T09:30:00Z\"}}", p.checkpoint().toJson());
        assertEquals(Optional.of(p), Position.of(Optional.of(Checkpoint.parse(p.checkpoint().toJson()))));
    }

    @Test
    void aDoneWindowLeavesOnlyItsEnd() {
        Window w = new Window(Instant.parse("2026-11-20T08:50:00Z"), Instant.parse("2026-11-20T10:00:00Z"), null);

        assertEquals(new Position(Instant.parse("2026-11-20T10:00:00Z"), null), Position.done(w));
    }

    @Test
    void aCheckpointOfAnotherShapeStopsThePollWithAReason() {
        SourceException e = assertThrows(SourceException.class,
                () -> Position.of(Optional.of(Checkpoint.parse("{\"readThrough\":\"not a time\"}"))));
        assertEquals(true, e.getMessage().contains("not an Onehub position"), e.getMessage());
    }
}
