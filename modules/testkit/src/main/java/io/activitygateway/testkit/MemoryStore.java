package io.activitygateway.testkit;

import io.activitygateway.model.EventIds;
import io.activitygateway.model.SourceEvent;
import io.activitygateway.spi.Batch;
import io.activitygateway.spi.Checkpoint;
import io.activitygateway.spi.CommitResult;
import io.activitygateway.spi.Gap;
import io.activitygateway.spi.RecordProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the gateway would have stored for one connection, kept in memory with the gateway's rules: an event's
 * id comes from (connection, key), a key is stored once (first write wins), a problem record is kept once, and a
 * batch and its checkpoint land together or not at all. Survives "restarts": hand it to a new {@link TestPoll}.
 */
public final class MemoryStore {

    private final String connection;
    private final Map<String, SourceEvent> events = new LinkedHashMap<>();
    private final Map<String, RecordProblem> problems = new LinkedHashMap<>();
    private final List<Gap> gaps = new ArrayList<>();
    private final List<Checkpoint> checkpoints = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    public MemoryStore(String connection) {
        this.connection = connection;
    }

    synchronized CommitResult commit(Batch batch) {
        int stored = 0;
        for (SourceEvent e : batch.events()) {
            if (events.putIfAbsent(EventIds.of(connection, e.key()), e) == null) {
                stored++;
            }
        }
        batch.problems().forEach(p -> problems.putIfAbsent(p.fingerprint(), p));
        gaps.addAll(batch.gaps());
        checkpoints.add(batch.checkpoint());
        return new CommitResult(stored, batch.events().size() - stored);
    }

    /** Stored events in the order they were first stored. */
    public synchronized List<SourceEvent> events() {
        return List.copyOf(events.values());
    }

    /** Each distinct problem once, as the gateway keeps them, in the order first reported. */
    public synchronized List<RecordProblem> problems() {
        return List.copyOf(problems.values());
    }

    public synchronized List<Gap> gaps() {
        return List.copyOf(gaps);
    }

    /** Every committed checkpoint, oldest first. */
    public synchronized List<Checkpoint> checkpoints() {
        return List.copyOf(checkpoints);
    }

    public synchronized Optional<Checkpoint> checkpoint() {
        return checkpoints.isEmpty() ? Optional.empty() : Optional.of(checkpoints.get(checkpoints.size() - 1));
    }

    synchronized void warn(String message) {
        warnings.add(message);
    }

    /** Every warning the adapter gave, oldest first. */
    public synchronized List<String> warnings() {
        return List.copyOf(warnings);
    }

    public String connection() {
        return connection;
    }
}
