package io.activitygateway.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.activitygateway.sandbox.Sandbox;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The demo's configuration, built as Quarkus builds it: the factory over the other sources. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoConfigSourceFactoryTest {

    private static SmallRyeConfig config(Map<String, String> given) {
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(given, "application.properties", 250))
                .withSources(new DemoConfigSourceFactory())
                .build();
    }

    private static Set<String> connectionKeys(SmallRyeConfig config) {
        return StreamSupport.stream(config.getPropertyNames().spliterator(), false)
                .filter(n -> n.startsWith("gateway.sources.")).collect(java.util.stream.Collectors.toCollection(TreeSet::new));
    }

    // Runs first: the sandbox is one per process, so once a later test started it, this could not see the difference.
    @Test
    @Order(1)
    void withoutTheSwitchNothingStartsAndNothingIsAdded() {
        SmallRyeConfig off = config(Map.of("gateway.sources.ws.kind", "worksection"));
        assertEquals(Set.of("gateway.sources.ws.kind"), connectionKeys(off));
        assertTrue(off.getOptionalValue("gateway.auth.mode", String.class).isEmpty());
        SmallRyeConfig explicitlyOff = config(Map.of("gateway.demo.enabled", "false"));
        assertEquals(Set.of(), connectionKeys(explicitlyOff));
        assertTrue(DemoSandbox.running().isEmpty(), "the sandbox was started without the demo switch");
    }

    @Test
    @Order(2)
    void theSwitchStartsTheSandboxAndAddsOneConnectionPerKindPointingAtIt() throws Exception {
        Map<String, String> given = new HashMap<>();
        given.put("gateway.demo.enabled", "true");
        given.put("gateway.demo.rate", "0");
        given.put("gateway.demo.backfill", "30");
        given.put("gateway.demo.person-name.1", "Chen <Wei> & Co <img src=x onerror=alert(1)>");
        given.put("gateway.auth.mode", "keys");
        SmallRyeConfig config = config(given);

        Sandbox sandbox = DemoSandbox.running().orElseThrow();
        assertEquals("open", config.getValue("gateway.auth.mode", String.class), "the demo wins over the files");
        assertEquals(Map.of("demo-kantata", "kantata", "demo-worksection", "worksection", "demo-onehub", "onehub"),
                Map.of("demo-kantata", config.getValue("gateway.sources.demo-kantata.kind", String.class),
                        "demo-worksection", config.getValue("gateway.sources.demo-worksection.kind", String.class),
                        "demo-onehub", config.getValue("gateway.sources.demo-onehub.kind", String.class)));
        assertTrue(config.getValue("quarkus.datasource.jdbc.url", String.class).startsWith("jdbc:h2:mem:"));
        // A webhook sink to the receiver the demo started in this process, with the receiver's secret.
        assertEquals("webhook", config.getValue("gateway.sinks.demo-webhook.kind", String.class));
        assertEquals(DemoWebhookReceiver.running().orElseThrow().url("demo"),
                config.getValue("gateway.sinks.demo-webhook.url", String.class));
        assertEquals(DemoWebhookReceiver.secret(), config.getValue("gateway.sinks.demo-webhook.secret", String.class));

        // Each connection's URL and credential are accepted by the sandbox's API of its kind.
        String kantata = config.getValue("gateway.sources.demo-kantata.base-url", String.class);
        assertTrue(kantata.startsWith(sandbox.baseUrl()), kantata);
        assertEquals(200, get(kantata + "/subscribed_events?per_page=1", "Bearer "
                + config.getValue("gateway.sources.demo-kantata.token", String.class)));
        assertEquals(401, get(kantata + "/subscribed_events?per_page=1", "Bearer wrong"));
        String onehub = config.getValue("gateway.sources.demo-onehub.base-url", String.class);
        assertEquals(200, get(onehub + "/activity/", "Bearer "
                + config.getValue("gateway.sources.demo-onehub.token", String.class)));
        assertEquals(sandbox.worksection().settings().apiKey(),
                config.getValue("gateway.sources.demo-worksection.api-key", String.class));
        assertTrue(config.getValue("gateway.sources.demo-worksection.base-url", String.class)
                .startsWith(sandbox.baseUrl()));

        // Time zones apart from UTC, so the page shows conversion for real.
        ZoneId worksection = ZoneId.of(config.getValue("gateway.sources.demo-worksection.timezone", String.class));
        ZoneId onehubZone = ZoneId.of(config.getValue("gateway.sources.demo-onehub.timezone", String.class));
        assertNotEquals(0, worksection.getRules().getOffset(java.time.Instant.now()).getTotalSeconds());
        assertNotEquals(0, onehubZone.getRules().getOffset(java.time.Instant.now()).getTotalSeconds());
        assertFalse(sandbox.world().people().stream().anyMatch(p -> p.zone().equals(ZoneId.of("UTC"))));

        assertEquals("Chen <Wei> & Co <img src=x onerror=alert(1)>", sandbox.world().person(1).name());
        assertFalse(sandbox.truth().all().isEmpty(), "the backfill");

        // A second build of the configuration (Quarkus builds it at static and at runtime init) shares the sandbox.
        SmallRyeConfig again = config(given);
        assertEquals(kantata, again.getValue("gateway.sources.demo-kantata.base-url", String.class));
        assertEquals(sandbox, DemoSandbox.running().orElseThrow());
    }

    @Test
    @Order(3)
    void configuredConnectionsAndTheSwitchStopTheStartNamingBoth() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> config(Map.of(
                "gateway.demo.enabled", "true", "gateway.sources.ws.kind", "worksection",
                "gateway.sources.ws.api-key", "k")));
        assertTrue(e.getMessage().contains("gateway.demo.enabled=true"), e.getMessage());
        assertTrue(e.getMessage().contains("gateway.sources.ws.api-key, gateway.sources.ws.kind"), e.getMessage());

        ConfigurationException env = assertThrows(ConfigurationException.class, () -> new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(Map.of("GATEWAY_SOURCES_FILES_KIND", "onehub"), "env", 300))
                .withSources(new PropertiesConfigSource(Map.of("gateway.demo.enabled", "true"), "sys", 400))
                .withSources(new DemoConfigSourceFactory()).build());
        assertTrue(env.getMessage().contains("GATEWAY_SOURCES_FILES_KIND"), env.getMessage());
    }

    @Test
    void aBadDemoValueNamesItsKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> config(Map.of("gateway.demo.enabled", "yes")));
        assertTrue(e.getMessage().contains("gateway.demo.enabled=yes"), e.getMessage());
        IllegalArgumentException rate = assertThrows(IllegalArgumentException.class,
                () -> config(Map.of("gateway.demo.enabled", "true", "gateway.demo.rate", "fast")));
        assertTrue(rate.getMessage().contains("gateway.demo.rate"), rate.getMessage());
    }

    private static int get(String url, String authorization) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", authorization).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
