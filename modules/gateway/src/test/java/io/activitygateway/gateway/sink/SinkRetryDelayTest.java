package io.activitygateway.gateway.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SinkRetryDelayTest {

    /** A generator whose doubles are all 0: no jitter added. */
    private static final java.util.random.RandomGenerator ZERO = () -> 0L;

    private final SinkRetryDelay delay = new SinkRetryDelay(Duration.ofSeconds(1), Duration.ofSeconds(60));

    @Test
    void doublesPerFailureWithJitterUpToTheMaximum() {
        SplittableRandom random = new SplittableRandom(7);
        for (int attempt = 1; attempt <= 12; attempt++) {
            long full = Math.min(60_000, 1000L << (attempt - 1));
            for (int i = 0; i < 50; i++) {
                long ms = delay.after(attempt, Optional.empty(), random).toMillis();
                assertTrue(ms >= full / 2 && ms <= full + 1, "attempt " + attempt + ": " + ms + " vs " + full);
            }
        }
    }

    @Test
    void aLongerRetryAfterWinsEvenBeyondTheMaximumUpToAnHour() {
        assertEquals(Duration.ofSeconds(90), delay.after(1, Optional.of(Duration.ofSeconds(90)), ZERO));
        assertEquals(Duration.ofHours(1), delay.after(1, Optional.of(Duration.ofDays(3)), ZERO));
        assertEquals(Duration.ofMillis(500), delay.after(1, Optional.of(Duration.ofMillis(10)), ZERO));
    }
}
