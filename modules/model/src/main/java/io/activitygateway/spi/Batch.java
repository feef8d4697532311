package io.activitygateway.spi;

import io.activitygateway.model.SourceEvent;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * What one page of upstream data turned into, and where to resume once it is stored.
 *
 * @param events     normalized events (repeats and already-stored keys are fine: they are skipped)
 * @param problems   records that could not be (fully) read, with the reason
 * @param gaps       spans of time in which events may have been missed and cannot be recovered
 * @param checkpoint where the next poll resumes once this batch is committed
 */
public record Batch(List<SourceEvent> events, List<RecordProblem> problems,
        List<Gap> gaps, Checkpoint checkpoint) {

    public Batch {
        events = List.copyOf(events);
        problems = List.copyOf(problems);
        gaps = List.copyOf(gaps);
        Objects.requireNonNull(checkpoint, "checkpoint");
    }

    public static Batch of(List<SourceEvent> events, Checkpoint checkpoint) {
        return new Batch(events, List.of(), List.of(), checkpoint);
    }

    public Batch withProblems(List<RecordProblem> more) {
        return new Batch(events, concat(problems, more), gaps, checkpoint);
    }

    public Batch withGaps(List<Gap> more) {
        return new Batch(events, problems, concat(gaps, more), checkpoint);
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }
}
