package io.activitygateway.gateway.feed;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Retention on, but its schedule far away: the tests run the purge themselves, with cutoffs they choose. */
public class RetentionProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("gateway.retention.max-age", "30d", "gateway.retention.every", "1h",
                "gateway.retention.batch-size", "3");
    }
}
