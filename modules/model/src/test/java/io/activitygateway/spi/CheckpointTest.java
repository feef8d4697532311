package io.activitygateway.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CheckpointTest {

    record Position(Instant createdAfter, int page) {
    }

    @Test
    void roundTripsARecordAsReadableJson() {
        Checkpoint c = Checkpoint.of(new Position(Instant.parse("2026-11-20T10:15:30Z"), 3));
        assertEquals("{\"createdAfter\":\"2026-11-20T10:15:30Z\",\"page\":3}", c.toJson());
        assertEquals(new Position(Instant.parse("2026-11-20T10:15:30Z"), 3),
                Checkpoint.parse(c.toJson()).as(Position.class));
    }

    @Test
    void mustBeAnObject() {
        assertThrows(IllegalArgumentException.class, () -> Checkpoint.parse("[1]"));
    }
}
