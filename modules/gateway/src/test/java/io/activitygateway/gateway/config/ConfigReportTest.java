package io.activitygateway.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.activitygateway.gateway.source.Connections;
import io.activitygateway.gateway.source.SourceKinds;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The start-up report, on configurations built the way Quarkus builds them (SmallRye Config with the type check):
 * every problem at once, each naming its key, and never a secret.
 */
class ConfigReportTest {

    private static final String WS = "gateway.sources.ws.";

    private static Map<String, String> validConnection() {
        Map<String, String> p = new HashMap<>();
        p.put(WS + "kind", "worksection");
        p.put(WS + "base-url", "https://example.worksection.com/api/admin/v2/");
        p.put(WS + "api-key", "k-123");
        p.put(WS + "timezone", "Europe/Kyiv");
        return p;
    }

    private static List<String> report(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withInterceptorFactories(new ConfigTypeCheck())
                .withConverter(java.time.Duration.class, 100, new io.quarkus.runtime.configuration.DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 500)).withMapping(GatewayConfig.class)
                .build();
        GatewayConfig gateway = config.getConfigMapping(GatewayConfig.class);
        return ConfigReport.all(gateway, new Connections(gateway, new SourceKinds()).problems());
    }

    private static void assertNames(List<String> problems, String key, String... words) {
        String line = problems.stream().filter(p -> p.startsWith(key + ":")).findFirst()
                .orElseThrow(() -> new AssertionError("no problem names " + key + " in " + problems));
        for (String word : words) {
            assertTrue(line.contains(word), line);
        }
        assertFalse(line.contains("\n"), "one line: " + line);
    }

    @Test
    void aValidConfigurationHasNoProblems() {
        assertEquals(List.of(), report(validConnection()));
    }

    @Test
    void gatewayWideValuesAreCheckedNamingTheKey() {
        Map<String, String> p = validConnection();
        p.put("gateway.polling.threads", "0");
        p.put("gateway.api.max-limit", "-1");
        p.put("gateway.feed.heartbeat", "-1s");
        p.put("gateway.http.max-retries", "-3");
        p.put("gateway.feed.window-size", "0");
        List<String> problems = report(p);
        assertNames(problems, "gateway.polling.threads", "at least 1", "0");
        assertNames(problems, "gateway.api.max-limit", "at least 1");
        assertNames(problems, "gateway.feed.heartbeat", "positive");
        assertNames(problems, "gateway.http.max-retries", "at least 0", "-3");
        assertNames(problems, "gateway.feed.window-size", "at least 1");
        assertEquals(5, problems.size(), problems.toString());
    }

    @Test
    void theDefaultLimitMayNotExceedTheMaximum() {
        Map<String, String> p = validConnection();
        p.put("gateway.api.default-limit", "500");
        p.put("gateway.api.max-limit", "200");
        assertNames(report(p), "gateway.api.default-limit", "gateway.api.max-limit", "200", "500");
    }

    @Test
    void booleansAreStrict() {
        Map<String, String> p = validConnection();
        p.put(WS + "enabled", "ture");
        p.put("gateway.polling.auto-start", "yes please");
        List<String> problems = report(p);
        assertNames(problems, WS + "enabled", "'ture'", "true or false");
        assertNames(problems, "gateway.polling.auto-start", "true or false");
    }

    @Test
    void aBadDurationNamesItsKeyInOneLine() {
        Map<String, String> p = validConnection();
        p.put(WS + "poll-interval", "every minute");
        p.put("gateway.http.request-timeout", "30 seconds");
        List<String> problems = report(p);
        assertNames(problems, WS + "poll-interval", "'every minute'", "not a duration", "30s");
        assertNames(problems, "gateway.http.request-timeout", "not a duration");
    }

    @Test
    void aBaseUrlWithAQueryOrFragmentIsRefusedWithoutEchoingIt() {
        Map<String, String> p = validConnection();
        p.put(WS + "base-url", "https://example.worksection.com/api/admin/v2/?hash=s3cr3t-value");
        p.put("gateway.sources.k.kind", "kantata");
        p.put("gateway.sources.k.token", "t");
        p.put("gateway.sources.k.base-url", "https://api.example.com/api/v1#s3cr3t-fragment");
        List<String> problems = report(p);
        assertNames(problems, WS + "base-url", "query string");
        assertNames(problems, "gateway.sources.k.base-url", "fragment");
        assertFalse(problems.toString().contains("s3cr3t"), "no secret in the report: " + problems);
    }

    @Test
    void everyProblemOfEveryConnectionAndOfTheGatewayComesInOneReport() {
        Map<String, String> p = validConnection();
        p.put(WS + "enabled", "ture");
        p.put(WS + "lookback", "-5m");
        p.put(WS + "timezone", "Mars/Olympus");
        p.put(WS + "colour", "blue");
        p.put("gateway.sources.other.kind", "no-such-kind");
        p.put("gateway.sources.third.kind", "kantata");
        p.put("gateway.sources.third.poll-interval", "soon");
        p.put("gateway.polling.threads", "many");
        p.put("gateway.api.default-limit", "0");
        List<String> problems = report(p);
        assertNames(problems, WS + "enabled");
        assertNames(problems, WS + "lookback", "positive");
        assertNames(problems, WS + "timezone", "Mars/Olympus");
        assertNames(problems, WS + "colour");
        assertNames(problems, "gateway.sources.other.kind", "no-such-kind");
        assertNames(problems, "gateway.sources.third.poll-interval", "not a duration");
        assertNames(problems, "gateway.sources.third.token", "required");
        assertNames(problems, "gateway.polling.threads", "'many'", "whole number");
        assertNames(problems, "gateway.api.default-limit", "at least 1");
        String report = ConfigReport.format(problems);
        assertTrue(report.startsWith("Invalid configuration (" + problems.size() + " problems)"), report);
    }
}
