package io.activitygateway.gateway.lease;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.activitygateway.gateway.config.GatewayConfig;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LeaseSettingsTest {

    private static GatewayConfig.LeaseSettings settings(String ttl, String renew, String instance) {
        return new GatewayConfig.LeaseSettings() {
            @Override
            public Duration ttl() {
                return Duration.parse(ttl);
            }

            @Override
            public Duration renewEvery() {
                return Duration.parse(renew);
            }

            @Override
            public Optional<String> instanceId() {
                return Optional.ofNullable(instance);
            }
        };
    }

    @Test
    void theDefaultsAreValid() {
        assertEquals(List.of(), InstanceLeases.problems(settings("PT30S", "PT10S", null)));
        assertEquals(List.of(), InstanceLeases.problems(settings("PT10S", "PT5S", "gw-1.example:8080")));
    }

    @Test
    void everyProblemAtOnceEachNamingItsKey() {
        List<String> problems = InstanceLeases.problems(settings("PT0S", "-PT1S", "two words"));
        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("gateway.leases.ttl: "), problems.toString());
        assertTrue(problems.get(1).startsWith("gateway.leases.renew-every: "), problems.toString());
        assertTrue(problems.get(2).startsWith("gateway.leases.instance-id: "), problems.toString());
    }

    @Test
    void renewingLessOftenThanHalfTheTtlIsRefused() {
        List<String> problems = InstanceLeases.problems(settings("PT10S", "PT6S", null));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("gateway.leases.renew-every: must be at most half"), problems.get(0));
    }
}
