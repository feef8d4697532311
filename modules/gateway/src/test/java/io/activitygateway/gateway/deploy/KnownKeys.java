package io.activitygateway.gateway.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.activitygateway.gateway.config.GatewayConfig;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every configuration key the gateway really has: its own (read off {@link GatewayConfig} the way SmallRye maps it)
 * and Quarkus's (from the config model each extension ships in META-INF/quarkus-config-doc), with their environment
 * variable names. A manifest naming anything else names a key that does nothing.
 */
final class KnownKeys {

    private static final String QUARKUS_MODEL = "META-INF/quarkus-config-doc/quarkus-config-model.json";
    private static final Pattern NAMED = Pattern.compile("\"[^\"]*\"");

    private final List<Pattern> properties = new ArrayList<>();
    private final Set<String> environment = new HashSet<>();

    KnownKeys() {
        gateway("gateway", GatewayConfig.class);
        quarkus();
    }

    boolean isProperty(String key) {
        return properties.stream().anyMatch(p -> p.matcher(key).matches());
    }

    boolean isEnvironmentVariable(String name) {
        return environment.contains(name);
    }

    int size() {
        return properties.size();
    }

    /** Walks a mapping interface: groups nest, maps take any name (or a quoted one) in their place. */
    private void gateway(String prefix, Class<?> mapping) {
        for (Method m : mapping.getMethods()) {
            if (m.getParameterCount() > 0 || Modifier.isStatic(m.getModifiers()) || m.isDefault()
                    || m.isAnnotationPresent(WithParentName.class)) {
                continue;
            }
            WithName named = m.getAnnotation(WithName.class);
            String key = prefix + "." + (named != null ? named.value() : kebab(m.getName()));
            Type type = m.getGenericReturnType();
            if (type instanceof ParameterizedType p && p.getRawType() == Map.class) {
                Type value = p.getActualTypeArguments()[1];
                if (value instanceof Class<?> group && isGroup(group)) {
                    gateway(key + ".*", group);
                } else {
                    add(key + ".*");
                }
            } else if (type instanceof Class<?> group && isGroup(group)) {
                gateway(key, group);
            } else {
                add(key);
            }
        }
    }

    private static boolean isGroup(Class<?> type) {
        return type.isInterface() && type.getName().startsWith(GatewayConfig.class.getName());
    }

    private void add(String key) {
        String[] parts = key.split("\\.\\*", -1);
        StringBuilder regex = new StringBuilder(Pattern.quote(parts[0]));
        for (int i = 1; i < parts.length; i++) {
            regex.append("\\.(?:\"[^\"]*\"|[^.]+)").append(Pattern.quote(parts[i]));
        }
        properties.add(Pattern.compile(regex.toString()));
        if (parts.length == 1) {
            environment.add(key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"));
        }
    }

    private void quarkus() {
        ObjectMapper json = new ObjectMapper();
        try {
            for (URL model : Collections.list(getClass().getClassLoader().getResources(QUARKUS_MODEL))) {
                try (InputStream in = model.openStream()) {
                    collect(json.readTree(in));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void collect(JsonNode node) {
        if (node.isObject()) {
            JsonNode path = node.get("path");
            if (path != null && path.has("property")) {
                property(path);
                node.path("additionalPaths").forEach(this::property);
            }
            node.forEach(this::collect);
        } else if (node.isArray()) {
            node.forEach(this::collect);
        }
    }

    private void property(JsonNode path) {
        String property = path.path("property").asText();
        StringBuilder regex = new StringBuilder();
        int at = 0;
        var m = NAMED.matcher(property);
        while (m.find()) {
            regex.append(Pattern.quote(property.substring(at, m.start()))).append("(?:\"[^\"]*\"|[^.]+)");
            at = m.end();
        }
        regex.append(Pattern.quote(property.substring(at)));
        properties.add(Pattern.compile(regex.toString()));
        if (path.hasNonNull("environmentVariable")) {
            environment.add(path.get("environmentVariable").asText());
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
