package io.activitygateway.gateway.managed;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** A secrets key, and a short reload interval so a change written by "another instance" shows quickly. */
public class ManagedConnectionsProfile implements QuarkusTestProfile {

    /** 32 bytes in base64. */
    static final String KEY = "q8Jm2dU0v2b8G4xk3yR1nT5wZ7cA9eH6pL0sV3fD2gM=";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("gateway.secrets.key", KEY, "gateway.connections.reload-every", "1s");
    }
}
