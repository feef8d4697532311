package io.activitygateway.gateway.poll;

import java.time.Duration;
import java.util.Optional;

/** How one poll ended, which decides when the next one runs. */
sealed interface PollOutcome {

    /** Everything up to now is stored. */
    record Succeeded(long stored) implements PollOutcome {
    }

    /**
     * Stopped early; retry after a backoff (at least {@code retryAfter} when the source asked).
     *
     * @param consecutiveFailures this one included, as recorded in the source's state
     */
    record Failed(int consecutiveFailures, Optional<Duration> retryAfter) implements PollOutcome {
    }

    /** The source refused our credentials: polling stops until someone asks for a poll. */
    record Halted(int consecutiveFailures) implements PollOutcome {
    }

    /** Another instance holds the connection's lease (or this one lost it): look again after {@code recheckIn}. */
    record Standby(Duration recheckIn) implements PollOutcome {
    }
}
