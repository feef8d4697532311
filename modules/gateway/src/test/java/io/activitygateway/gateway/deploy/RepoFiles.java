package io.activitygateway.gateway.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** The repository's own files (deploy/, application.properties), as tests read them. */
public final class RepoFiles {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private RepoFiles() {
    }

    /** The repository root: the first directory up from the module that holds deploy/ and .ci/. */
    public static Path root() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (dir != null && !(Files.isDirectory(dir.resolve("deploy")) && Files.isDirectory(dir.resolve(".ci")))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no repository root above " + System.getProperty("user.dir"));
        }
        return dir;
    }

    public static Path path(String relative) {
        return root().resolve(relative);
    }

    public static String read(String relative) {
        try {
            return Files.readString(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every document of a YAML file (--- separated). */
    public static List<JsonNode> yaml(String relative) {
        try {
            ObjectReader reader = YAML.readerFor(JsonNode.class);
            List<JsonNode> docs = new ArrayList<>();
            try (var values = reader.<JsonNode>readValues(read(relative))) {
                while (values.hasNext()) {
                    JsonNode doc = values.next();
                    if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
                        docs.add(doc);
                    }
                }
            }
            return docs;
        } catch (IOException e) {
            throw new UncheckedIOException("deploy file " + relative + " does not parse: " + e.getMessage(), e);
        }
    }

    /** The one document of a YAML file. */
    public static JsonNode yamlDocument(String relative) {
        List<JsonNode> docs = yaml(relative);
        if (docs.size() != 1) {
            throw new IllegalStateException(relative + " holds " + docs.size() + " documents, expected one");
        }
        return docs.get(0);
    }

    public static Properties properties(String text) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** The gateway's application.properties, with what it says for production (no %profile. keys). */
    public static Properties applicationProperties() {
        return properties(read("modules/gateway/src/main/resources/application.properties"));
    }

    /** The application.properties the ConfigMap mounts. */
    public static String configMapProperties() {
        return yamlDocument("deploy/kubernetes/configmap.yaml").path("data").path("application.properties")
                .asText();
    }
}
