package io.activitygateway.gateway.sink;

import io.activitygateway.sandbox.webhook.WebhookReceiver;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The sandbox's webhook receivers, one per sink under test, started before the gateway so their URLs can be
 * configured; each sink reads its own connection, so the tests do not see each other's events.
 */
public class SinkReceivers implements QuarkusTestResourceLifecycleManager {

    public static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static WebhookReceiver ok;
    static WebhookReceiver batch;
    static WebhookReceiver flaky;
    static WebhookReceiver slow;
    static WebhookReceiver fast;
    static WebhookReceiver dead;
    /** For sinks created through the API: not configured here. */
    static WebhookReceiver managed;
    static WebhookReceiver managedOther;

    @Override
    public Map<String, String> start() {
        try {
            ok = WebhookReceiver.start(0, SECRET, Clock.systemUTC());
            batch = WebhookReceiver.start(0, SECRET, Clock.systemUTC());
            flaky = WebhookReceiver.start(0, SECRET, Clock.systemUTC());
            slow = WebhookReceiver.start(0, SECRET, Clock.systemUTC());
            fast = WebhookReceiver.start(0, SECRET, Clock.systemUTC());
            dead = WebhookReceiver.start(0, SECRET, Clock.systemUTC());
            managed = WebhookReceiver.start(0, SECRET, Clock.systemUTC());
            managedOther = WebhookReceiver.start(0, SECRET, Clock.systemUTC());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        slow.delay(Duration.ofMillis(1500));
        Map<String, String> config = new HashMap<>();
        sink(config, "hook-ok", ok, "sink-ok");
        sink(config, "hook-batch", batch, "sink-batch");
        config.put("gateway.sinks.hook-batch.batch-size", "10");
        sink(config, "hook-flaky", flaky, "sink-flaky");
        config.put("gateway.sinks.hook-flaky.max-attempts", "50");
        sink(config, "hook-slow", slow, "sink-shared");
        sink(config, "hook-fast", fast, "sink-shared");
        sink(config, "hook-park", dead, "sink-park");
        config.put("gateway.sinks.hook-park.max-attempts", "3");
        String r = "gateway.sinks.refusing.";
        config.put(r + "kind", "test-refusing");
        config.put(r + "connection", "sink-refuse");
        config.put(r + "start", "earliest");
        config.put(r + "retry-initial", "50ms");
        config.put(r + "retry-max", "200ms");
        config.put(r + "poll-interval", "200ms");
        config.put("gateway.sinks.hook-off.kind", "webhook");
        config.put("gateway.sinks.hook-off.enabled", "false");
        config.put("gateway.sinks.hook-off.url", ok.url("off"));
        config.put("gateway.sinks.hook-off.secret", SECRET);
        // Sinks managed through the API keep their secrets sealed under this key; another instance's change shows
        // within a second.
        config.put("gateway.secrets.key", "q8Jm2dU0v2b8G4xk3yR1nT5wZ7cA9eH6pL0sV3fD2gM=");
        config.put("gateway.connections.reload-every", "1s");
        return config;
    }

    private static void sink(Map<String, String> config, String name, WebhookReceiver receiver, String connection) {
        String p = "gateway.sinks." + name + ".";
        config.put(p + "kind", "webhook");
        config.put(p + "url", receiver.url(name));
        config.put(p + "secret", SECRET);
        config.put(p + "connection", connection);
        config.put(p + "start", "earliest");
        config.put(p + "retry-initial", "50ms");
        config.put(p + "retry-max", "400ms");
        config.put(p + "poll-interval", "200ms");
    }

    @Override
    public void stop() {
        for (WebhookReceiver r : new WebhookReceiver[] { ok, batch, flaky, slow, fast, dead, managed,
                managedOther }) {
            if (r != null) {
                r.close();
            }
        }
    }
}
