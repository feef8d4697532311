package io.activitygateway.gateway.health;

import io.activitygateway.gateway.poll.PollScheduler;
import io.activitygateway.gateway.poll.SourceState;
import io.activitygateway.gateway.source.Connection;
import io.activitygateway.gateway.source.Connections;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Every connection's state in the readiness data. Always up: a failing source is the source's trouble, and taking
 * the instance out of its Service would only stop the API and the feed from serving what is stored. Alert on the
 * metrics (gateway_source_consecutive_failures, gateway_source_checkpoint_age_seconds) instead.
 */
@Readiness
@ApplicationScoped
public class SourcesHealthCheck implements HealthCheck {

    @Inject
    Connections connections;
    @Inject
    PollScheduler scheduler;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("sources").up();
        int failing = 0;
        for (Connection connection : connections.all()) {
            SourceState state = scheduler.state(connection);
            if (state == SourceState.FAILING) {
                failing++;
            }
            response.withData(connection.name(), state.wireName());
        }
        // Connection names are lower case, so this key never collides with one.
        return response.withData("failingCount", failing).build();
    }
}
