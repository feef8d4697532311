package io.activitygateway.gateway.sink;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;

/** The gateway with webhook sinks to the sandbox's receivers. */
public class SinkProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(SinkReceivers.class));
    }
}
