package io.activitygateway.gateway.config;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigSourceInterceptorFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks the type of every {@code gateway.*} value as it is read, strictly: booleans are {@code true} or
 * {@code false} (so {@code enabled=ture} is an error, not a silent {@code false}), durations and numbers must parse,
 * enums must name a constant. A wrong value is recorded with its key and replaced by the key's default, so that the
 * mapping still loads and {@link ConfigReport} can show it together with every other problem, in one report,
 * instead of the first wrong type stopping the start on its own.
 * <p>
 * The expected types come from {@link GatewayConfig} itself, so a new key is checked without being listed here.
 */
public class ConfigTypeCheck implements ConfigSourceInterceptorFactory {

    private record Spec(Class<?> type, String defaultValue) {
    }

    private static final Map<String, Spec> SPECS = new LinkedHashMap<>();
    private static final Set<String> PROBLEMS = new LinkedHashSet<>();

    static {
        collect("gateway.", GatewayConfig.class);
    }

    /** The type problems of the configuration built last, each as {@code key: what is wrong}. */
    public static synchronized List<String> problems() {
        return new ArrayList<>(PROBLEMS);
    }

    private static synchronized void record(String problem) {
        PROBLEMS.add(problem);
    }

    @Override
    public ConfigSourceInterceptor getInterceptor(ConfigSourceInterceptorContext context) {
        synchronized (ConfigTypeCheck.class) {
            PROBLEMS.clear();
        }
        return ConfigTypeCheck::check;
    }

    @Override
    public java.util.OptionalInt getPriority() {
        // Above the expression and profile interceptors: the value checked is the one the mapping would get.
        return java.util.OptionalInt.of(io.smallrye.config.Priorities.APPLICATION + 100);
    }

    private static ConfigValue check(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        if (value == null || value.getValue() == null || !name.startsWith("gateway.")) {
            return value;
        }
        Spec spec = spec(name);
        if (spec == null) {
            return value;
        }
        String problem = problem(spec.type(), value.getValue());
        if (problem == null) {
            return value;
        }
        record(name + ": '" + value.getValue() + "' " + problem
                + (spec.defaultValue() == null ? "" : " (default " + spec.defaultValue() + ")"));
        return spec.defaultValue() == null ? null : value.withValue(spec.defaultValue());
    }

    private static Spec spec(String name) {
        Spec exact = SPECS.get(name);
        if (exact != null) {
            return exact;
        }
        String[] parts = name.split("\\.");
        if (parts.length >= 4) {
            // gateway.<map>.<name>.<key...>: a connection's or a sink's setting
            return SPECS.get("gateway." + parts[1] + ".*." + String.join(".", java.util.Arrays.copyOfRange(parts, 3,
                    parts.length)));
        }
        return null;
    }

    /** What is wrong with {@code text} as a value of {@code type}, or null if nothing. */
    static String problem(Class<?> type, String text) {
        String value = text.strip();
        try {
            if (type == boolean.class || type == Boolean.class) {
                return value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false") ? null
                        : "is not a boolean; true or false";
            }
            if (type == Duration.class) {
                DurationConverter.parseDuration(value);
                return value.isEmpty() ? "is not a duration" : null;
            }
            if (type == int.class || type == Integer.class) {
                Integer.parseInt(value);
                return null;
            }
            if (type == long.class || type == Long.class) {
                Long.parseLong(value);
                return null;
            }
            if (type == double.class || type == Double.class) {
                double d = Double.parseDouble(value);
                return Double.isFinite(d) ? null : "is not a finite number";
            }
            if (type.isEnum()) {
                for (Object constant : type.getEnumConstants()) {
                    if (((Enum<?>) constant).name().equalsIgnoreCase(value.replace('-', '_'))) {
                        return null;
                    }
                }
                List<String> names = new ArrayList<>();
                for (Object constant : type.getEnumConstants()) {
                    names.add(((Enum<?>) constant).name().toLowerCase(Locale.ROOT).replace('_', '-'));
                }
                return "is not one of " + names;
            }
        } catch (RuntimeException e) {
            if (type == Duration.class) {
                return "is not a duration; e.g. 500ms, 30s, 5m, 2h, 1d or ISO-8601 PT30S";
            }
            return "is not a " + (type == double.class ? "number" : "whole number");
        }
        return null;
    }

    private static void collect(String prefix, Class<?> mapping) {
        for (Method method : mapping.getMethods()) {
            if (method.getParameterCount() > 0 || method.isDefault() || method.isAnnotationPresent(WithParentName.class)) {
                continue;
            }
            WithName named = method.getAnnotation(WithName.class);
            String key = prefix + (named != null ? named.value() : kebab(method.getName()));
            WithDefault fallback = method.getAnnotation(WithDefault.class);
            Class<?> type = method.getReturnType();
            Type generic = method.getGenericReturnType();
            if (type == Optional.class && generic instanceof ParameterizedType p
                    && p.getActualTypeArguments()[0] instanceof Class<?> inner) {
                type = inner;
            }
            if (type == Map.class && generic instanceof ParameterizedType p
                    && p.getActualTypeArguments()[1] instanceof Class<?> value && value.isInterface()) {
                collect(key + ".*.", value);
            } else if (type.isInterface() && type.getName().startsWith("io.activitygateway.")) {
                collect(key + ".", type);
            } else {
                SPECS.put(key, new Spec(type, fallback == null ? null : fallback.value()));
            }
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
