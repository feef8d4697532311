package io.activitygateway.gateway.scripted;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * Points the gateway at the {@link ScriptedUpstream}: connections {@code alpha} (page size 50), {@code beta}
 * (page size 3, for paging), {@code gamma} (disabled) and {@code delta} (wrong token) and
 * {@code leased} (for the lease tests). Short HTTP retry delays
 * keep fault tests fast; long poll intervals and backoffs keep the scheduler from polling behind a test's back.
 */
public class ScriptedSources implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        ScriptedUpstream upstream = ScriptedUpstream.shared();
        Map<String, String> config = new HashMap<>();
        for (String name : new String[] { "alpha", "beta", "gamma", "delta", "leased" }) {
            String prefix = "gateway.sources." + name + ".";
            config.put(prefix + "kind", "scripted");
            config.put(prefix + "base-url", upstream.baseUrl(name).toString());
            config.put(prefix + "token", name.equals("delta") ? "not-the-right-token" : ScriptedUpstream.TOKEN);
            config.put(prefix + "poll-interval", "1h");
        }
        config.put("gateway.sources.beta.page-size", "3");
        config.put("gateway.sources.gamma.enabled", "false");
        config.put("gateway.http.retry-initial-delay", "20ms");
        config.put("gateway.http.retry-max-delay", "2s");
        config.put("gateway.http.max-retries", "2");
        config.put("gateway.http.request-timeout", "1s");
        config.put("gateway.http.circuit-breaker.request-volume", "1000");
        config.put("gateway.polling.backoff-initial", "10m");
        return config;
    }

    @Override
    public void stop() {
        // The upstream is shared by every test in the JVM and dies with it.
    }
}
