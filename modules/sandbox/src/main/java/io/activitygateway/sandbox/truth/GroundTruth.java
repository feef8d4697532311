package io.activitygateway.sandbox.truth;

import io.activitygateway.sandbox.Api;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Every distinct change each running API emitted, in emission order. */
public final class GroundTruth {

    private final Map<Api, TruthSource> sources;

    public GroundTruth(Map<Api, TruthSource> sources) {
        this.sources = Collections.unmodifiableMap(new EnumMap<>(sources));
    }

    /** The entries of one API (empty when that API is not running). */
    public List<TruthEntry> of(Api api) {
        TruthSource source = sources.get(api);
        if (source == null) {
            return List.of();
        }
        int size = source.truthSize();
        List<TruthEntry> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(source.truthAt(i));
        }
        return out;
    }

    public int size(Api api) {
        TruthSource source = sources.get(api);
        return source == null ? 0 : source.truthSize();
    }

    /** For streaming without a copy: the live source of one API, or null. */
    public TruthSource source(Api api) {
        return sources.get(api);
    }

    public List<TruthEntry> all() {
        List<TruthEntry> out = new ArrayList<>();
        for (Api api : sources.keySet()) {
            out.addAll(of(api));
        }
        return out;
    }
}
