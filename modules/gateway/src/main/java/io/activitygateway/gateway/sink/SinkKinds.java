package io.activitygateway.gateway.sink;

import io.activitygateway.sink.SinkKind;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/** The sink kinds on the class path, found with {@link ServiceLoader}: the gateway never names one. */
@ApplicationScoped
public class SinkKinds {

    private final Map<String, SinkKind> byName;

    public SinkKinds() {
        this(ServiceLoader.load(SinkKind.class, Thread.currentThread().getContextClassLoader()));
    }

    SinkKinds(Iterable<SinkKind> kinds) {
        Map<String, SinkKind> found = new TreeMap<>();
        for (SinkKind kind : kinds) {
            SinkKind clash = found.putIfAbsent(kind.name(), kind);
            if (clash != null) {
                throw new IllegalStateException("two sink kinds are called '" + kind.name() + "': "
                        + clash.getClass().getName() + " and " + kind.getClass().getName());
            }
        }
        this.byName = Collections.unmodifiableMap(found);
    }

    public Optional<SinkKind> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Set<String> names() {
        return byName.keySet();
    }
}
