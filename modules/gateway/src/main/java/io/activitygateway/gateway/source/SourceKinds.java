package io.activitygateway.gateway.source;

import io.activitygateway.spi.SourceKind;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The source kinds on the class path, found with {@link ServiceLoader}: the gateway never names one, so a new
 * kind is a new module and nothing else.
 */
@ApplicationScoped
public class SourceKinds {

    private final Map<String, SourceKind> byName;

    public SourceKinds() {
        this(ServiceLoader.load(SourceKind.class, Thread.currentThread().getContextClassLoader()));
    }

    SourceKinds(Iterable<SourceKind> kinds) {
        Map<String, SourceKind> found = new TreeMap<>();
        for (SourceKind kind : kinds) {
            SourceKind clash = found.putIfAbsent(kind.name(), kind);
            if (clash != null) {
                throw new IllegalStateException("two source kinds are called '" + kind.name() + "': "
                        + clash.getClass().getName() + " and " + kind.getClass().getName());
            }
        }
        this.byName = Collections.unmodifiableMap(found);
    }

    public Optional<SourceKind> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Collection<SourceKind> all() {
        return byName.values();
    }

    /** The kind names, sorted, for messages and parameter validation. */
    public java.util.Set<String> names() {
        return byName.keySet();
    }
}
