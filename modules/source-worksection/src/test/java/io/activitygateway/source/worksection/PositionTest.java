package io.activitygateway.source.worksection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.activitygateway.spi.Checkpoint;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PositionTest {

    private final Instant t1 = Instant.parse("2026-01-14T10:00:00Z");
    private final Instant t2 = Instant.parse("2026-01-14T11:00:00Z");

    @Test
    void isStoredAsReadableJsonAndReadBack() {
        Position p = Position.NONE.with(Scope.project(9), t2).with(Scope.project(7), t1);
        Checkpoint c = Checkpoint.of(p);
        assertEquals("{\"coveredUntil\":{\"project:7\":\"2026-01-14T10:00:00Z\",\"project:9\":\"2026-01-14T11:00:00Z\"}}",
                c.toJson());
        assertEquals(p, Checkpoint.parse(c.toJson()).as(Position.class));
    }

    @Test
    void projectsSwitchedOnStartWhereTheAccountReadEnded() {
        Position p = Position.NONE.with(Scope.ACCOUNT, t1).forScopes(List.of(Scope.project(7), Scope.project(9)));
        assertEquals(Optional.of(t1), p.of(Scope.project(7)));
        assertEquals(Optional.of(t1), p.of(Scope.project(9)));
        assertTrue(p.of(Scope.ACCOUNT).isEmpty(), "entries of scopes no longer configured are dropped");
    }

    @Test
    void theAccountSwitchedBackStartsWhereTheLeastAdvancedProjectEnded() {
        Position p = Position.NONE.with(Scope.project(7), t2).with(Scope.project(9), t1)
                .forScopes(List.of(Scope.ACCOUNT));
        assertEquals(Optional.of(t1), p.of(Scope.ACCOUNT));
    }

    @Test
    void aNewProjectBesideKnownOnesStartsAfresh() {
        Position p = Position.NONE.with(Scope.project(7), t2).forScopes(List.of(Scope.project(7), Scope.project(8)));
        assertEquals(Optional.of(t2), p.of(Scope.project(7)));
        assertTrue(p.of(Scope.project(8)).isEmpty());
    }
}
