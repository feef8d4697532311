package io.activitygateway.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class EventIdsTest {

    @Test
    void sameConnectionAndKeyGiveSameId() {
        assertEquals(EventIds.of("acme", "42"), EventIds.of("acme", "42"));
        assertEquals(32, EventIds.of("acme", "42").length());
    }

    @Test
    void connectionAndKeyCannotBleedIntoEachOther() {
        assertNotEquals(EventIds.of("acme", "42"), EventIds.of("acme4", "2"));
        assertNotEquals(EventIds.of("acme", "42"), EventIds.of("other", "42"));
    }
}
