package io.activitygateway.gateway.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(15));

    @Test
    void doublesPerAttemptBetweenHalfAndAll() {
        assertEquals(Duration.ofSeconds(5), backoff.delay(0, 0.0));
        assertEquals(Duration.ofMillis(7500), backoff.delay(0, 0.5));
        assertEquals(Duration.ofSeconds(20), backoff.delay(2, 0.0));
        assertEquals(Duration.ofSeconds(30), backoff.delay(2, 0.5));
        assertTrue(backoff.delay(2, 0.9999).compareTo(Duration.ofSeconds(40)) < 0);
    }

    @Test
    void isCappedAndNeverOverflows() {
        assertEquals(Duration.ofSeconds(450), backoff.delay(7, 0.0));
        assertEquals(Duration.ofSeconds(450), backoff.delay(30, 0.0));
        assertEquals(Duration.ofSeconds(450), backoff.delay(Integer.MAX_VALUE, 0.0));
        assertTrue(backoff.delay(1000, 0.9999).compareTo(Duration.ofMinutes(15)) < 0);
    }
}
