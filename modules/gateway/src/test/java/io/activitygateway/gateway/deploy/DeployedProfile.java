package io.activitygateway.gateway.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Properties;

/**
 * The gateway as deploy/kubernetes configures it: the ConfigMap's application.properties, with the Secret's files
 * written to a temporary folder in place of /run/secrets/gateway, and access control on. Left out: the database
 * (the tests' own), the listen addresses (tests stay on loopback, on free ports). Added for the tests: CORS for one
 * origin and the access log to a file, so those can be checked too.
 */
public class DeployedProfile implements QuarkusTestProfile {

    /** The bootstrap key the tests' Secret holds (the committed Secret holds a placeholder that would not start). */
    public static final String BOOTSTRAP_KEY = "test-bootstrap-key-5f3c2a9d0e7b41c6a8d2f0e9b7c3a1d4";
    /** The secrets key the tests' Secret holds (the committed one holds a placeholder that would not start). */
    public static final String SECRETS_KEY = "Xz3uQ9bF0kLr7pN2vT6wA1cE5hJ8mS4dG7yK0qW3eR8=";
    public static final String CORS_ORIGIN = "https://page.example.test";
    static final String SECRETS_MOUNT = "/run/secrets/gateway";
    private static final Path DIR = tempDir();

    @Override
    public Map<String, String> getConfigOverrides() {
        Path secrets = writeSecrets();
        Map<String, String> config = new HashMap<>();
        Properties deployed = RepoFiles.properties(RepoFiles.configMapProperties());
        for (String key : deployed.stringPropertyNames()) {
            if (!key.startsWith("quarkus.datasource.")) {
                config.put(key, deployed.getProperty(key).replace(SECRETS_MOUNT, secrets.toString()));
            }
        }
        config.put("gateway.auth.mode", "keys");
        config.put("quarkus.http.cors.enabled", "true");
        config.put("quarkus.http.cors.origins", CORS_ORIGIN);
        config.put("quarkus.http.access-log.enabled", "true");
        config.put("quarkus.http.access-log.log-to-file", "true");
        config.put("quarkus.http.access-log.log-directory", DIR.toString());
        config.put("quarkus.http.access-log.base-file-name", "access");
        return config;
    }

    /** The access log the gateway writes in this profile. */
    public static Path accessLog() {
        return DIR.resolve("access.log");
    }

    private static Path writeSecrets() {
        try {
            Path secrets = Files.createDirectories(DIR.resolve("secrets"));
            JsonNode data = RepoFiles.yamlDocument("deploy/kubernetes/secret.yaml").path("stringData");
            for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> entry = it.next();
                String value = entry.getKey().equals("bootstrap-key") ? BOOTSTRAP_KEY
                        : entry.getKey().equals("secrets-key") ? SECRETS_KEY : entry.getValue().asText();
                Files.writeString(secrets.resolve(entry.getKey()), value + "\n");
            }
            return secrets;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Only a temporary folder is left behind.
        }
    }

    private static Path tempDir() {
        try {
            Path dir = Files.createTempDirectory("gateway-deployed-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
