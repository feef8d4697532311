package io.activitygateway.source.kantata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.activitygateway.model.SourceEvent;
import io.activitygateway.sandbox.truth.TruthEntry;
import io.activitygateway.spi.RecordProblem;
import io.activitygateway.testkit.MemoryStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Compares what the adapter stored with the sandbox's ground truth: nothing lost, nothing doubled. */
final class TruthCheck {

    private TruthCheck() {
    }

    /** Every well-formed truth entry is stored exactly once, and nothing else is. */
    static int assertExactlyOnce(List<TruthEntry> truth, MemoryStore store) {
        return assertExactlyOnce(truth, store, entry -> false);
    }

    /**
     * Every well-formed truth entry is stored exactly once (one event whose {@code sourceEventId} is one of its
     * upstream ids) and maps its fields right, except that an entry {@code mayBeMissing} accepts may be absent
     * (never doubled); no other event is stored; no malformed entry is stored.
     *
     * @return how many events were checked
     */
    static int assertExactlyOnce(List<TruthEntry> truth, MemoryStore store, Predicate<TruthEntry> mayBeMissing) {
        Map<String, SourceEvent> byUpstreamId = new HashMap<>();
        for (SourceEvent e : store.events()) {
            byUpstreamId.put(e.sourceEventId(), e);
        }
        List<String> lost = new ArrayList<>();
        List<String> doubled = new ArrayList<>();
        int matched = 0;
        for (TruthEntry entry : truth) {
            List<SourceEvent> stored = entry.upstreamIds().stream().map(byUpstreamId::get)
                    .filter(e -> e != null).toList();
            if (entry.malformed() != null) {
                assertTrue(stored.isEmpty(), "malformed " + entry + " was stored");
            } else if (stored.size() > 1) {
                doubled.add(entry.toString());
            } else if (stored.isEmpty()) {
                if (!mayBeMissing.test(entry)) {
                    lost.add(entry.toString());
                }
            } else {
                assertMapped(entry, stored.get(0));
                matched++;
            }
        }
        assertTrue(lost.isEmpty(), lost.size() + " lost, e.g. " + lost.subList(0, Math.min(3, lost.size())));
        assertTrue(doubled.isEmpty(), doubled.size() + " doubled, e.g. " + doubled.subList(0,
                Math.min(3, doubled.size())));
        assertEquals(matched, store.events().size(), "events stored beyond the truth");
        return matched;
    }

    static void assertMapped(TruthEntry entry, SourceEvent event) {
        String what = entry + " → " + event;
        assertEquals(entry.happenedAt(), event.occurredAt(), what);
        assertEquals(entry.action(), event.sourceType(), what);
        assertEquals(entry.objectId(), event.object().id(), what);
        assertEquals(entry.action().substring(0, entry.action().indexOf(':')), event.object().type(), what);
        assertEquals(entry.actorId(), event.actor().id(), what);
        if (event.container() != null) {
            assertEquals(entry.containerId(), event.container().id(), what);
        }
        assertTrue(event.recordedAt() != null && !event.recordedAt().isBefore(entry.happenedAt()), what);
    }

    /** The malformed truth entries each have a set-aside problem naming one of their ids. */
    static void assertSetAside(List<TruthEntry> truth, MemoryStore store) {
        for (TruthEntry entry : truth) {
            if (entry.malformed() == null) {
                continue;
            }
            assertTrue(store.problems().stream().filter(p -> !p.eventStored()).map(RecordProblem::reason)
                    .anyMatch(reason -> entry.upstreamIds().stream()
                            .anyMatch(id -> reason.startsWith("subscribed event " + id + ": "))),
                    "no problem for " + entry + " in " + store.problems());
        }
    }
}
