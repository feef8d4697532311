package io.activitygateway.source.worksection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.activitygateway.sandbox.Api;
import io.activitygateway.sandbox.fault.Fault;
import io.activitygateway.sandbox.fault.Malformation;
import io.activitygateway.spi.AuthenticationException;
import io.activitygateway.spi.RecordProblem;
import io.activitygateway.spi.SourceException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What goes wrong upstream, over real HTTP: refused hash, API errors, transport faults, broken records. */
class WorksectionErrorsTest {

    private static final Instant T0 = Instant.parse("2026-01-14T10:00:00Z");

    @Test
    void aWrongApiKeyStopsPollingWithAnAuthenticationError() throws Exception {
        try (WorksectionHarness h = WorksectionHarness.start(T0, w -> { }, c -> c.apiKey("not-the-key"))) {
            h.sandbox.generator().generate(10);
            SourceException e = assertThrows(SourceException.class, h::poll);
            assertInstanceOf(AuthenticationException.class, e);
            assertTrue(e.getMessage().contains("Invalid hash"), e.getMessage());
            assertTrue(h.store.checkpoint().isEmpty());
            assertTrue(h.store.events().isEmpty());
            assertFalse(h.http.sent().get(0).toString().contains("not-the-key"), "the key itself is never sent");
        }
    }

    @Test
    void anApiErrorStatusBacksOffWithWorksectionsMessage() throws Exception {
        try (WorksectionHarness h = WorksectionHarness.start(T0, w -> { }, c -> c.option("project-ids", "424242"))) {
            SourceException e = assertThrows(SourceException.class, h::poll);
            assertFalse(e instanceof AuthenticationException);
            assertTrue(e.getMessage().contains("Project not found"), e.getMessage());
            assertTrue(e.getMessage().contains("id_project=424242"), e.getMessage());
            assertTrue(h.store.checkpoint().isEmpty());
        }
    }

    @Test
    void transportFaultsFailThePollAndTheNextPollLosesNothing() throws Exception {
        try (WorksectionHarness h = WorksectionHarness.start(T0)) {
            h.poll();
            List<Fault> faults = List.of(Fault.tooManyRequests(Duration.ofSeconds(2)), Fault.status(503),
                    Fault.notJson(), Fault.truncated());
            for (Fault fault : faults) {
                h.clock.advance(Duration.ofSeconds(30));
                h.sandbox.generator().generate(4);
                h.sandbox.faults().next(Api.WORKSECTION, 1, fault);
                SourceException e = assertThrows(SourceException.class, h::poll, fault.describe());
                assertFalse(e instanceof AuthenticationException);
                if (fault.status() == 429) {
                    assertEquals(Duration.ofSeconds(2), e.retryAfter().orElseThrow());
                }
            }
            assertEquals(1, h.store.checkpoints().size(), "no failed read moved the position");
            h.clock.advance(Duration.ofSeconds(30));
            h.poll();
            h.assertStoreMatchesTruth();
        }
    }

    @Test
    void aRecordWithoutDateAddedIsSetAsideAndTheRestIsStored() throws Exception {
        try (WorksectionHarness h = WorksectionHarness.start(T0)) {
            long task = h.task(0);
            h.taskUpdate(task, "priority", "1", "2").at(T0.minusSeconds(50)).emit();
            h.taskUpdate(task, "priority", "2", "3").at(T0.minusSeconds(40))
                    .malformed(Malformation.WORKSECTION_NO_DATE_ADDED).emit();
            h.taskUpdate(task, "priority", "3", "4").at(T0.minusSeconds(30)).emit();
            h.poll();

            assertEquals(2, h.store.events().size());
            RecordProblem problem = h.store.problems().get(0);
            assertEquals("no date_added", problem.reason());
            assertFalse(problem.eventStored());
            assertTrue(problem.raw().contains("\"priority\":\"3\""), problem.raw());
            h.assertStoreMatchesTruth();
        }
    }
}
