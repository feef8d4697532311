package io.activitygateway.sandbox.fault;

import io.activitygateway.sandbox.Api;
import java.util.EnumMap;
import java.util.Map;

/** The fault plans of all APIs of one sandbox. */
public final class Faults {

    private final Map<Api, FaultPlan> plans = new EnumMap<>(Api.class);

    public Faults() {
        for (Api api : Api.values()) {
            plans.put(api, new FaultPlan(api));
        }
    }

    public FaultPlan plan(Api api) {
        return plans.get(api);
    }

    /** Shorthand: the next {@code times} requests to {@code api} get {@code fault}. */
    public FaultPlan next(Api api, int times, Fault fault) {
        return plan(api).next(times, fault);
    }

    public void clear() {
        plans.values().forEach(FaultPlan::clear);
    }
}
