package io.activitygateway.source.onehub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.activitygateway.spi.RecordProblem;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportedProblemsTest {

    private final RecordProblem a = RecordProblem.setAside("no id", "{\"event\":{}}");
    private final RecordProblem b = RecordProblem.storedPartially("no predicate", "{\"event\":{\"id\":1}}");

    @Test
    void aCommittedProblemIsNotReportedAgain() {
        ReportedProblems reported = new ReportedProblems();
        reported.remember(reported.unseen(List.of(a)));

        assertEquals(List.of(b), reported.unseen(List.of(a, b)));
    }

    @Test
    void aProblemNotYetCommittedIsStillReported() {
        ReportedProblems reported = new ReportedProblems();
        reported.unseen(List.of(a));

        assertEquals(List.of(a), reported.unseen(List.of(a, a)));
    }
}
