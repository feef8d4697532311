package io.activitygateway.demo;

import io.activitygateway.sandbox.Sandbox;
import io.activitygateway.sandbox.onehub.OnehubSimulator;
import io.activitygateway.sandbox.world.Person;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * With {@code gateway.demo.enabled=true}, starts the sandbox in this process and contributes three connections to
 * it (one per kind) and open access. Off, it contributes nothing and starts nothing, so a real deployment never
 * reaches the sandbox. The ordinal sits above the configuration files (250, 260) and below environment variables
 * (300) and system properties (400): a demo may still be tuned from the command line.
 */
public final class DemoConfigSourceFactory implements ConfigSourceFactory {

    static final int ORDINAL = 275;
    static final String SOURCE_NAME = "gateway demo (gateway.demo.enabled=true)";
    static final String KANTATA = "demo-kantata";
    static final String WORKSECTION = "demo-worksection";
    static final String ONEHUB = "demo-onehub";
    private static final Pattern CONNECTION_KEY = Pattern.compile(
            "^(%[^.]+\\.)?gateway\\.sources\\.[^.]+\\..+$|^(_[A-Z0-9]+_)?GATEWAY_SOURCES_.+$");

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = context.iterateNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        DemoSettings settings = DemoSettings.read(name -> value(context, name), names);
        if (!settings.enabled()) {
            return List.of();
        }
        List<String> configured = new TreeSet<>(names).stream().filter(n -> CONNECTION_KEY.matcher(n).matches())
                .toList();
        if (!configured.isEmpty()) {
            throw new ConfigurationException(conflict(configured));
        }
        boolean embeddedDatabase = value(context, "quarkus.datasource.db-kind").map(k -> k.equals("h2")).orElse(true);
        Sandbox sandbox = DemoSandbox.start(settings);
        return List.of(new PropertiesConfigSource(properties(sandbox, embeddedDatabase), SOURCE_NAME, ORDINAL));
    }

    /** Configured connections and the demo switch: the demo is never on by accident next to real connections. */
    static String conflict(List<String> configured) {
        return DemoSettings.ENABLED + "=true starts the demo with connections of its own, but connections are"
                + " configured too: " + String.join(", ", configured) + ". For a real deployment remove "
                + DemoSettings.ENABLED + "; for the demo remove those keys (or run it from another directory).";
    }

    /** What the demo adds to the configuration. */
    static Map<String, String> properties(Sandbox sandbox, boolean embeddedDatabase) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("gateway.auth.mode", "open");
        if (embeddedDatabase) {
            // Each demo starts from a new sandbox world, so it starts from an empty store too.
            p.put("quarkus.datasource.jdbc.url", "jdbc:h2:mem:activity-gateway-demo;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
        }
        connection(p, KANTATA, "kantata", sandbox.kantataBaseUrl());
        p.put(key(KANTATA, "token"), sandbox.kantata().settings().token());

        connection(p, WORKSECTION, "worksection", sandbox.worksectionBaseUrl());
        p.put(key(WORKSECTION, "api-key"), sandbox.worksection().settings().apiKey());
        p.put(key(WORKSECTION, "timezone"), sandbox.worksection().settings().zone().getId());

        // The documented sample's user, an administrator of every workspace: the connection sees all activity.
        Person admin = sandbox.world().person(0);
        connection(p, ONEHUB, "onehub", sandbox.onehubBaseUrl());
        p.put(key(ONEHUB, "token"), OnehubSimulator.token(admin));
        p.put(key(ONEHUB, "timezone"), admin.zone().getId());

        // A webhook sink to the sandbox's receiver, which checks every signature (docs/sinks.md).
        var receiver = DemoWebhookReceiver.start();
        p.put("gateway.sinks.demo-webhook.kind", "webhook");
        p.put("gateway.sinks.demo-webhook.url", receiver.url("demo"));
        p.put("gateway.sinks.demo-webhook.secret", DemoWebhookReceiver.secret());
        p.put("gateway.sinks.demo-webhook.batch-size", "20");
        p.put("gateway.sinks.demo-webhook.start", "earliest");
        return p;
    }

    private static void connection(Map<String, String> p, String name, String kind, String baseUrl) {
        p.put(key(name, "kind"), kind);
        p.put(key(name, "base-url"), baseUrl);
        // Polled often, so that the page is lively; the sandbox is in this process and costs nothing.
        p.put(key(name, "poll-interval"), "3s");
    }

    private static String key(String connection, String setting) {
        return "gateway.sources." + connection + "." + setting;
    }

    private static Optional<String> value(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value == null ? Optional.empty() : Optional.ofNullable(value.getValue());
    }
}
