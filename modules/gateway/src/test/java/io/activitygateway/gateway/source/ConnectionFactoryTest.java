package io.activitygateway.gateway.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.activitygateway.gateway.config.GatewayConfig.SourceConfig;
import io.activitygateway.spi.ConnectionSettings;
import io.activitygateway.spi.InvalidSettingException;
import io.activitygateway.spi.SettingDescriptor;
import io.activitygateway.spi.SourceAdapter;
import io.activitygateway.spi.SourceKind;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionFactoryTest {

    /** A kind with one required and one optional setting that wants a token and a zone. */
    static final class ZonedKind implements SourceKind {
        ConnectionSettings seen;

        @Override
        public String name() {
            return "zoned";
        }

        @Override
        public List<SettingDescriptor> settings() {
            return List.of(SettingDescriptor.required("project", "the project to read"),
                    SettingDescriptor.optional("verbs", "which actions"));
        }

        @Override
        public Optional<URI> defaultBaseUrl() {
            return Optional.empty();
        }

        @Override
        public Duration defaultLookback() {
            return Duration.ofMinutes(7);
        }

        @Override
        public Duration defaultInitialWindow() {
            return Duration.ofDays(3);
        }

        @Override
        public SourceAdapter create(ConnectionSettings settings) throws InvalidSettingException {
            settings.requireToken();
            settings.requireTimezone();
            if (settings.option("verbs").filter(v -> v.contains("fly")).isPresent()) {
                throw new InvalidSettingException(settings.key("verbs"), "'fly' is not a verb this source knows");
            }
            seen = settings;
            return context -> { };
        }
    }

    /** Configuration as it would be written under gateway.sources.<name>. */
    static Config config() {
        Config c = new Config();
        c.put("kind", "zoned").put("base-url", "https://acme.example.com/api/").put("token", "t0ken-value")
                .put("timezone", "Europe/Kyiv").put("project", "42");
        return c;
    }

    static final class Config implements SourceConfig {
        final Map<String, String> keys = new LinkedHashMap<>();
        Path tokenFile;

        Config put(String key, String value) {
            keys.put(key, value);
            return this;
        }

        Config remove(String key) {
            keys.remove(key);
            return this;
        }

        private Optional<String> get(String key) {
            return Optional.ofNullable(keys.get(key));
        }

        @Override
        public Optional<String> kind() {
            return get("kind");
        }

        @Override
        public Optional<String> baseUrl() {
            return get("base-url");
        }

        @Override
        public boolean enabled() {
            return !"false".equals(keys.get("enabled"));
        }

        @Override
        public Duration pollInterval() {
            return get("poll-interval").map(io.activitygateway.spi.Durations::parse).orElse(Duration.ofSeconds(30));
        }

        @Override
        public Optional<Duration> lookback() {
            return get("lookback").map(io.activitygateway.spi.Durations::parse);
        }

        @Override
        public Optional<Duration> initialWindow() {
            return get("initial-window").map(io.activitygateway.spi.Durations::parse);
        }

        @Override
        public Optional<String> token() {
            return get("token");
        }

        @Override
        public Optional<Path> tokenFile() {
            return Optional.ofNullable(tokenFile);
        }

        @Override
        public Optional<String> apiKey() {
            return get("api-key");
        }

        @Override
        public Optional<Path> apiKeyFile() {
            return Optional.empty();
        }

        @Override
        public Optional<String> timezone() {
            return get("timezone");
        }

        @Override
        public Map<String, String> keys() {
            return keys;
        }
    }

    private final ZonedKind kind = new ZonedKind();
    private final ConnectionFactory factory = new ConnectionFactory(new SourceKinds(List.of(kind)));

    private List<String> problems(String name, Config config) {
        List<String> problems = new ArrayList<>();
        Connection c = factory.create(name, config, problems);
        if (!problems.isEmpty()) {
            assertNull(c, "an invalid connection is not built");
        }
        return problems;
    }

    @Test
    void aValidConnectionGetsItsKindsDefaultsAndOptions() {
        List<String> problems = new ArrayList<>();
        Connection c = factory.create("acme", config().put("verbs", "read, upload"), problems);
        assertTrue(problems.isEmpty(), problems.toString());
        assertNotNull(c);
        ConnectionSettings s = kind.seen;
        assertEquals(Duration.ofMinutes(7), s.lookback());
        assertEquals(Duration.ofDays(3), s.initialWindow());
        assertEquals("42", s.option("project").orElseThrow());
        assertEquals(List.of("read", "upload"), s.listOption("verbs"));
        assertEquals("t0ken-value", s.token().orElseThrow().reveal());
        assertTrue(!s.toString().contains("t0ken-value"), "settings never print the token");
    }

    @Test
    void eachProblemNamesItsKey() {
        assertEquals(List.of("gateway.sources.acme.kind: 'jira' is not a known source kind; one of [zoned]"),
                problems("acme", config().put("kind", "jira")));
        assertEquals(List.of("gateway.sources.acme.kind: is required; one of [zoned]"),
                problems("acme", config().remove("kind")));
        assertEquals(List.of("gateway.sources.acme.base-url: is required for kind zoned (every account has its own"
                + " address)"), problems("acme", config().remove("base-url")));
        assertEquals(List.of("gateway.sources.acme.base-url: is not an absolute http(s) URL (scheme 'ftp')"),
                problems("acme", config().put("base-url", "ftp://x/")));
        assertEquals(List.of("gateway.sources.acme.timezone: 'Mars/Olympus' is not an IANA time zone id (e.g."
                + " Europe/Berlin, America/Los_Angeles)"), problems("acme", config().put("timezone", "Mars/Olympus")));
        assertEquals(List.of("gateway.sources.acme.project: is required for kind zoned (the project to read)"),
                problems("acme", config().remove("project")));
        assertEquals(List.of("gateway.sources.acme.lookback: must be positive, was PT0S"),
                problems("acme", config().put("lookback", "0s")));
        assertTrue(problems("acme", config().remove("token")).get(0)
                .startsWith("gateway.sources.acme.token: is required for kind zoned"));
        assertEquals(List.of("gateway.sources.acme.verbs: 'fly' is not a verb this source knows"),
                problems("acme", config().put("verbs", "fly")));
    }

    @Test
    void aMistypedKeyIsReportedWithWhatTheKindKnows() {
        List<String> problems = problems("acme", config().put("projct", "42"));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("gateway.sources.acme.projct: is not a setting of kind zoned; it knows"
                + " [project, verbs]"), problems.get(0));
    }

    @Test
    void allProblemsOfAConnectionAreReportedAtOnce() {
        List<String> problems = problems("acme", config().put("timezone", "Nowhere").put("lookback", "0s")
                .remove("base-url"));
        assertEquals(3, problems.size(), problems.toString());
    }

    @Test
    void namesMustBeUsableInUrls() {
        assertTrue(problems("Acme Corp", config()).get(0).contains("the connection name must be"));
    }

    @Test
    void tokenComesFromAFileButNotFromBoth(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("token");
        Files.writeString(file, "  from-a-file\n");
        Config fromFile = config().remove("token");
        fromFile.tokenFile = file;
        List<String> problems = new ArrayList<>();
        factory.create("acme", fromFile, problems);
        assertTrue(problems.isEmpty(), problems.toString());
        assertEquals("from-a-file", kind.seen.token().orElseThrow().reveal());

        Config both = config();
        both.tokenFile = file;
        assertEquals(List.of("gateway.sources.acme.token: set either token or token-file, not both"),
                problems("acme", both));

        Config missing = config().remove("token");
        missing.tokenFile = dir.resolve("nope");
        assertTrue(problems("acme", missing).get(0).startsWith("gateway.sources.acme.token-file: cannot read"));
    }
}
