package io.activitygateway.sandbox.fault;

import io.activitygateway.sandbox.Api;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;

/**
 * The faults one API will serve: a script ("the next N requests get F", in order) and, when the script is
 * empty, an optional seeded random mode for soak tests. Draws happen in request order, so a single client
 * sees the same fault sequence for the same seed.
 */
public final class FaultPlan {

    private final Api api;
    private final Deque<Step> script = new ArrayDeque<>();
    private Random random;
    private double probability;
    private List<Fault> choices = List.of();
    private double malformedRate;
    private long served;

    private static final class Step {
        final Fault fault;
        int remaining;

        Step(Fault fault, int remaining) {
            this.fault = fault;
            this.remaining = remaining;
        }
    }

    public FaultPlan(Api api) {
        this.api = api;
    }

    public Api api() {
        return api;
    }

    /** Queues {@code fault} for the next {@code times} requests (after anything already queued). */
    public synchronized FaultPlan next(int times, Fault fault) {
        if (times < 1) {
            throw new IllegalArgumentException("times must be >= 1");
        }
        script.addLast(new Step(fault, times));
        return this;
    }

    /**
     * Random mode: each request not covered by the script gets one of {@code choices} with {@code probability};
     * records the generator emits for this API are malformed with {@code malformedRate}.
     */
    public synchronized FaultPlan random(long seed, double probability, List<Fault> choices, double malformedRate) {
        if (probability < 0 || probability > 1 || malformedRate < 0 || malformedRate > 1) {
            throw new IllegalArgumentException("probabilities must lie in [0, 1]");
        }
        if (probability > 0 && choices.isEmpty()) {
            throw new IllegalArgumentException("random faults need at least one fault to choose from");
        }
        this.random = new Random(seed);
        this.probability = probability;
        this.choices = List.copyOf(choices);
        this.malformedRate = malformedRate;
        return this;
    }

    public synchronized void clear() {
        script.clear();
        random = null;
        probability = 0;
        choices = List.of();
        malformedRate = 0;
    }

    /** The fault for the request being served now, or null. */
    public synchronized Fault take() {
        Step step = script.peekFirst();
        if (step != null) {
            if (--step.remaining == 0) {
                script.removeFirst();
            }
            served++;
            return step.fault;
        }
        if (random != null && probability > 0 && random.nextDouble() < probability) {
            served++;
            return choices.get(random.nextInt(choices.size()));
        }
        return null;
    }

    /** Whether the generator's next record for this API should be malformed (random mode only). */
    public synchronized boolean drawMalformed() {
        return random != null && malformedRate > 0 && random.nextDouble() < malformedRate;
    }

    /** How many requests got a fault so far. */
    public synchronized long served() {
        return served;
    }

    /** Scripted faults still queued, in order, for status pages. */
    public synchronized List<String> pending() {
        List<String> out = new ArrayList<>();
        for (Step step : script) {
            out.add(step.remaining + "x " + step.fault.describe());
        }
        return out;
    }

    public synchronized boolean randomMode() {
        return random != null;
    }
}
