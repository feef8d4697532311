package io.activitygateway.gateway.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * deploy/ parses and names only what the gateway really has: its ports, its health endpoints, its configuration keys
 * and environment variables, and Secret keys that exist. The image itself cannot be built here (no Docker engine):
 * its Dockerfile is checked as text. {@code DeployedTest} starts the gateway with these manifests' configuration and
 * requests the probes' paths on the port they name.
 */
class ManifestsTest {

    private static final String K8S = "deploy/kubernetes/";
    /** The health endpoints SmallRye Health serves below the management root (DeployedTest requests each). */
    static final Set<String> HEALTH_PATHS = Set.of("/q/health/live", "/q/health/ready", "/q/health/started");
    private static final Pattern PROPERTY_LINE = Pattern.compile("^\\s*#?\\s*((?:quarkus|gateway)\\.[^=\\s]+)\\s*=");

    private final KnownKeys known = new KnownKeys();
    private final Properties app = RepoFiles.applicationProperties();

    private static Map<String, JsonNode> manifests() {
        Map<String, JsonNode> byKind = new HashMap<>();
        for (JsonNode resource : RepoFiles.yamlDocument(K8S + "kustomization.yaml").path("resources")) {
            assertTrue(Files.exists(RepoFiles.path(K8S + resource.asText())), "kustomization names " + resource);
            for (JsonNode doc : RepoFiles.yaml(K8S + resource.asText())) {
                assertTrue(doc.hasNonNull("apiVersion") && doc.hasNonNull("kind"), resource + " is a manifest");
                byKind.put(doc.path("kind").asText(), doc);
            }
        }
        return byKind;
    }

    private static JsonNode container(Map<String, JsonNode> m) {
        JsonNode containers = m.get("Deployment").at("/spec/template/spec/containers");
        assertEquals(1, containers.size());
        return containers.get(0);
    }

    private static Map<String, Integer> ports(JsonNode container) {
        Map<String, Integer> ports = new HashMap<>();
        container.path("ports").forEach(p -> ports.put(p.path("name").asText(), p.path("containerPort").asInt()));
        return ports;
    }

    @Test
    void theKustomizationHoldsWhatAClusterNeeds() {
        Map<String, JsonNode> m = manifests();
        assertEquals(Set.of("Deployment", "Service", "PodDisruptionBudget", "ConfigMap", "Secret"), m.keySet());
        String image = container(m).path("image").asText();
        JsonNode images = RepoFiles.yamlDocument(K8S + "kustomization.yaml").path("images");
        assertTrue(images.findValuesAsText("name").contains(image), "kustomization sets the image " + image);
    }

    @Test
    void theDeploymentRunsSeveralInstancesAndEveryPartSelectsThem() {
        Map<String, JsonNode> m = manifests();
        JsonNode deployment = m.get("Deployment");
        int replicas = deployment.at("/spec/replicas").asInt();
        assertTrue(replicas > 1, "replicas > 1: " + replicas);
        JsonNode labels = deployment.at("/spec/template/metadata/labels");
        assertSelects(labels, deployment.at("/spec/selector/matchLabels"), "Deployment");
        assertSelects(labels, m.get("Service").at("/spec/selector"), "Service");
        JsonNode pdb = m.get("PodDisruptionBudget");
        assertSelects(labels, pdb.at("/spec/selector/matchLabels"), "PodDisruptionBudget");
        assertTrue(pdb.at("/spec/minAvailable").asInt() < replicas, "the budget lets a drain go on");
        assertEquals(0, deployment.at("/spec/strategy/rollingUpdate/maxUnavailable").asInt(), "no downtime on upgrade");
    }

    private static void assertSelects(JsonNode labels, JsonNode selector, String who) {
        assertFalse(selector.isMissingNode() || selector.isEmpty(), who + " has a selector");
        for (Iterator<Map.Entry<String, JsonNode>> it = selector.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            assertEquals(e.getValue().asText(), labels.path(e.getKey()).asText(), who + " selects the pods' labels");
        }
    }

    @Test
    void portsAreTheGatewaysPorts() {
        Map<String, JsonNode> m = manifests();
        Map<String, Integer> ports = ports(container(m));
        assertEquals(Integer.parseInt(app.getProperty("quarkus.http.port")), ports.get("http"));
        assertEquals(Integer.parseInt(app.getProperty("quarkus.management.port")), ports.get("management"));
        JsonNode servicePorts = m.get("Service").at("/spec/ports");
        assertEquals(1, servicePorts.size(), "only the API is in the Service; management stays per pod");
        assertEquals("http", servicePorts.get(0).path("targetPort").asText());
        JsonNode annotations = m.get("Deployment").at("/spec/template/metadata/annotations");
        assertEquals(String.valueOf(ports.get("management")), annotations.path("prometheus.io/port").asText());
        assertEquals("/q/metrics", annotations.path("prometheus.io/path").asText());
    }

    @Test
    void probesAskTheHealthEndpointsOnTheManagementPort() {
        JsonNode container = container(manifests());
        Map<String, String> paths = new HashMap<>();
        for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
            JsonNode get = container.path(probe).path("httpGet");
            assertEquals("management", get.path("port").asText(), probe + " port");
            assertTrue(HEALTH_PATHS.contains(get.path("path").asText()), probe + " path " + get.path("path"));
            paths.put(probe, get.path("path").asText());
        }
        assertEquals("/q/health/ready", paths.get("readinessProbe"));
        assertEquals("/q/health/live", paths.get("livenessProbe"), "liveness never depends on the database");
        assertEquals("/q/health/started", paths.get("startupProbe"));
    }

    @Test
    void thePodIsLockedDownAndHasResources() {
        JsonNode deployment = manifests().get("Deployment");
        JsonNode pod = deployment.at("/spec/template/spec");
        JsonNode container = container(manifests());
        assertTrue(pod.at("/securityContext/runAsNonRoot").asBoolean());
        assertTrue(pod.at("/securityContext/runAsUser").asInt() > 0);
        assertFalse(container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true));
        assertTrue(container.at("/securityContext/readOnlyRootFilesystem").asBoolean());
        assertTrue(container.path("volumeMounts").findValuesAsText("mountPath").contains("/tmp"),
                "a writable /tmp on a read-only root");
        assertFalse(container.at("/resources/requests/cpu").asText().isEmpty());
        assertFalse(container.at("/resources/requests/memory").asText().isEmpty());
        assertFalse(container.at("/resources/limits/memory").asText().isEmpty());
    }

    @Test
    void theEnvironmentNamesOnlyRealKeysAndExistingSecretKeys() {
        Map<String, JsonNode> m = manifests();
        String secretName = m.get("Secret").at("/metadata/name").asText();
        Set<String> secretKeys = fieldNames(m.get("Secret").path("stringData"));
        for (JsonNode env : container(m).path("env")) {
            String name = env.path("name").asText();
            assertTrue(known.isEnvironmentVariable(name), name + " is not a configuration variable of the gateway");
            JsonNode ref = env.at("/valueFrom/secretKeyRef");
            if (!ref.isMissingNode()) {
                assertEquals(secretName, ref.path("name").asText(), name);
                assertTrue(secretKeys.contains(ref.path("key").asText()), name + " takes a key the Secret lacks");
            }
        }
    }

    @Test
    void theConfigMapIsMountedWhereQuarkusReadsItAndNamesOnlyRealKeys() {
        Map<String, JsonNode> m = manifests();
        JsonNode pod = m.get("Deployment").at("/spec/template/spec");
        Map<String, String> mounts = new HashMap<>();
        container(m).path("volumeMounts").forEach(v -> mounts.put(v.path("name").asText(),
                v.path("mountPath").asText()));
        Map<String, JsonNode> volumes = new HashMap<>();
        pod.path("volumes").forEach(v -> volumes.put(v.path("name").asText(), v));
        String configVolume = volumes.entrySet().stream().filter(e -> e.getValue().has("configMap"))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
        assertEquals(m.get("ConfigMap").at("/metadata/name").asText(),
                volumes.get(configVolume).at("/configMap/name").asText());
        assertEquals(workdir() + "/config", mounts.get(configVolume),
                "Quarkus reads config/application.properties from its working directory");

        String text = RepoFiles.configMapProperties();
        List<String> unknown = new ArrayList<>();
        int keys = 0;
        for (String line : text.lines().toList()) {
            Matcher key = PROPERTY_LINE.matcher(line);
            if (key.find()) {
                keys++;
                // Commented examples too: an operator uncommenting one must get a real key.
                if (!known.isProperty(key.group(1))) {
                    unknown.add(key.group(1));
                }
            }
        }
        assertTrue(keys > 10, "the ConfigMap configures the gateway (" + keys + " keys)");
        assertEquals(List.of(), unknown, "keys the gateway does not have (of " + known.size() + " known)");
    }

    @Test
    void everySecretFileTheConfigurationReadsIsInTheSecret() {
        Map<String, JsonNode> m = manifests();
        JsonNode pod = m.get("Deployment").at("/spec/template/spec");
        String secretVolume = null;
        for (JsonNode v : pod.path("volumes")) {
            if (v.at("/secret/secretName").asText().equals(m.get("Secret").at("/metadata/name").asText())) {
                secretVolume = v.path("name").asText();
            }
        }
        String volume = secretVolume;
        String mount = null;
        for (JsonNode v : container(m).path("volumeMounts")) {
            if (v.path("name").asText().equals(volume)) {
                mount = v.path("mountPath").asText();
            }
        }
        assertEquals(DeployedProfile.SECRETS_MOUNT, mount);
        Set<String> secretKeys = fieldNames(m.get("Secret").path("stringData"));
        Properties config = RepoFiles.properties(RepoFiles.configMapProperties());
        List<String> files = config.stringPropertyNames().stream().filter(k -> k.endsWith("-file")).sorted().toList();
        assertTrue(files.contains("gateway.auth.bootstrap-key-file"), "the first admin key comes from the Secret");
        for (String key : files) {
            String path = config.getProperty(key);
            assertTrue(path.startsWith(mount + "/"), key + " reads " + path + ", outside the mounted Secret");
            assertTrue(secretKeys.contains(path.substring(mount.length() + 1)), key + ": the Secret has no "
                    + path.substring(mount.length() + 1));
        }
        assertTrue(secretKeys.stream().allMatch(k -> m.get("Secret").path("stringData").path(k).asText()
                .length() < 32), "the committed Secret holds placeholders only, too short to be a bootstrap key");
    }

    @Test
    void theImageRunsAsTheUserThePodExpectsOnTheGatewaysPortsWithItsHealthCheck() {
        String dockerfile = RepoFiles.read("deploy/container/Dockerfile");
        Map<String, JsonNode> m = manifests();
        String user = single(dockerfile, "(?m)^USER\\s+(\\S+)");
        assertTrue(user.matches("\\d+") && !user.equals("0"), "a numeric non-root user: " + user);
        assertEquals(m.get("Deployment").at("/spec/template/spec/securityContext/runAsUser").asText(), user);
        Set<String> exposed = Set.of(single(dockerfile, "(?m)^EXPOSE\\s+(.+)$").split("\\s+"));
        assertEquals(Set.of(app.getProperty("quarkus.http.port"), app.getProperty("quarkus.management.port")),
                exposed);
        String check = single(dockerfile, "(?m)CMD curl -fsS (\\S+)");
        assertEquals("http://127.0.0.1:" + app.getProperty("quarkus.management.port") + "/q/health/ready", check);
        Matcher env = Pattern.compile("(?m)^(?:ENV|\\s+)\\s*([A-Z][A-Z0-9_]+)=").matcher(dockerfile);
        while (env.find()) {
            String name = env.group(1);
            if (!name.startsWith("JAVA_") && !name.equals("LANGUAGE")) {
                assertTrue(known.isEnvironmentVariable(name), name + " is not a configuration variable");
            }
        }
        assertTrue(dockerfile.contains("-XX:MaxRAMPercentage="), "the heap follows the container's memory");
        assertTrue(dockerfile.contains("quarkus.datasource.db-kind=postgresql"), "documents the PostgreSQL build");
    }

    @Test
    void outsideAContainerTheGatewayListensOnThisMachineOnly() {
        assertEquals("127.0.0.1", app.getProperty("quarkus.http.host"));
        assertEquals("127.0.0.1", app.getProperty("quarkus.management.host"));
        Set<String> env = container(manifests()).path("env").findValuesAsText("name").stream()
                .collect(Collectors.toSet());
        assertTrue(env.containsAll(Set.of("QUARKUS_HTTP_HOST", "QUARKUS_MANAGEMENT_HOST")),
                "the container opens up on purpose");
    }

    @Test
    void theAlertRulesParse() {
        JsonNode rules = RepoFiles.yamlDocument("deploy/prometheus/alerts.yaml");
        int n = 0;
        for (JsonNode group : rules.path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                assertFalse(rule.path("alert").asText().isEmpty());
                assertFalse(rule.path("expr").asText().isEmpty(), rule.path("alert").asText());
                assertFalse(rule.at("/labels/severity").asText().isEmpty(), rule.path("alert").asText());
                n++;
            }
        }
        assertTrue(n >= 8, n + " rules");
    }

    static String workdir() {
        return single(RepoFiles.read("deploy/container/Dockerfile"), "(?m)^WORKDIR\\s+(\\S+)");
    }

    private static String single(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), "Dockerfile has " + regex);
        return m.group(1).strip();
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
