package io.activitygateway.source.onehub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.activitygateway.model.EventType;
import io.activitygateway.model.ObjectRef;
import io.activitygateway.model.SourceEvent;
import io.activitygateway.sandbox.Api;
import io.activitygateway.sandbox.Sandbox;
import io.activitygateway.sandbox.fault.Fault;
import io.activitygateway.sandbox.onehub.Verb;
import io.activitygateway.sandbox.truth.TruthEntry;
import io.activitygateway.sandbox.world.Person;
import io.activitygateway.spi.AuthenticationException;
import io.activitygateway.spi.RecordProblem;
import io.activitygateway.spi.SourceAdapter;
import io.activitygateway.spi.SourceException;
import io.activitygateway.testkit.TestPoll;
import io.activitygateway.testkit.TestSettings;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The adapter against the Onehub sandbox over real HTTP, checked against the sandbox's ground truth. */
class OnehubPollTest {

    /** 10:00 in Los Angeles, the zone of the sandbox's first user (an administrator of every workspace). */
    static final Instant T0 = Instant.parse("2026-11-20T18:00:00Z");

    private SandboxOnehub s;
    private Person admin;

    @BeforeEach
    void start() {
        s = new SandboxOnehub(T0);
        admin = s.person(0);
    }

    @AfterEach
    void stop() {
        if (s != null) {
            s.close();
        }
    }

    private Position position() throws SourceException {
        return Position.of(s.store.checkpoint()).orElseThrow();
    }

    private List<TruthEntry> truthSince(Instant from) {
        return s.truth().stream().filter(t -> !t.happenedAt().isBefore(from)).toList();
    }

    private static List<String> query(URI uri, String name) {
        List<String> values = new ArrayList<>();
        for (String pair : uri.getQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv[0].equals(name)) {
                values.add(kv[1]);
            }
        }
        return values;
    }

    private static List<Long> ids(String body) {
        List<Long> ids = new ArrayList<>();
        Fixtures.json(body).get("items").forEach(i -> ids.add(i.at("/event/id").asLong()));
        return ids;
    }

    // ---- paging and windows ----

    @Test
    void pagesThroughTheInitialWindowAtOneHundredPerPage() throws Exception {
        s.sandbox.generator().generate(437, Duration.ofDays(2));

        TestPoll poll = s.pollOnce(s.settingsOf(admin).initialWindow(Duration.ofDays(3)));

        s.assertStoredExactly(s.truth());
        List<URI> sent = s.http.sent();
        assertEquals(5, sent.size(), "437 events at 100 per page");
        assertEquals(List.of("1", "2", "3", "4", "5"), sent.stream().map(u -> query(u, "page").get(0)).toList());
        sent.forEach(u -> assertEquals(List.of("100"), query(u, "per_page")));
        sent.forEach(u -> assertTrue(u.getPath().endsWith("/onehub/activity/"), u.toString()));
        assertEquals(5, poll.commits());
        assertNull(position().window(), "every window done");
        // until the last page, every commit keeps the window open
        s.store.checkpoints().subList(0, 4).forEach(c -> assertNotNull(c.value().get("window"), c.toJson()));
    }

    @Test
    void theFirstPollReachesBackOnlyTheInitialWindow() throws Exception {
        s.sandbox.generator().generate(120, Duration.ofDays(3));

        s.pollOnce(s.settingsOf(admin).initialWindow(Duration.ofDays(1)));

        List<TruthEntry> lastDay = truthSince(T0.minus(Duration.ofDays(1)));
        assertTrue(lastDay.size() < s.truth().size());
        s.assertStoredExactly(lastDay);
    }

    @Test
    void anIdlePollCostsOneRequest() throws Exception {
        TestSettings settings = s.settingsOf(admin);
        SourceAdapter adapter = SandboxOnehub.adapter(settings);
        s.sandbox.generator().generate(40, Duration.ofHours(1));
        s.poll(settings).run(adapter);
        int before = s.http.sent().size();

        s.clock.advance(Duration.ofSeconds(30));
        TestPoll idle = s.poll(settings).run(adapter);

        assertEquals(1, s.http.sent().size() - before);
        assertEquals(1, idle.commits());
        assertNull(position().window(), "every window done");
    }

    @Test
    void theLookbackOverlapIsReadAgainAndStoredOnce() throws Exception {
        TestSettings settings = s.settingsOf(admin);
        SourceAdapter adapter = SandboxOnehub.adapter(settings);
        s.sandbox.generator().generate(120, Duration.ofHours(1));
        HookedHttp first = new HookedHttp(s.http);
        s.poll(settings, first).run(adapter);
        Instant headAfterFirst = position().head();

        s.clock.advance(Duration.ofMinutes(5));
        s.sandbox.generator().generate(30);
        HookedHttp second = new HookedHttp(s.http);
        s.poll(settings, second).run(adapter);

        s.assertStoredExactly(s.truth());
        List<URI> sent = s.http.sent();
        URI newEvents = sent.get(sent.size() - 2);
        URI settled = sent.get(sent.size() - 1);
        // new events: from the newest one the first poll stored (its second again) to now, in Los Angeles
        assertEquals(List.of(RequestTimes.format(headAfterFirst, ZoneId.of("America/Los_Angeles"))),
                query(newEvents, "start_time"));
        assertEquals(List.of("Fri, 20 Nov 2026 10:05:00 -0800"), query(newEvents, "end_time"));
        // then once more what settled: from the first poll's settled point to a lookback (10m) before the new head
        assertEquals(List.of(RequestTimes.format(headAfterFirst.minus(Duration.ofMinutes(10)),
                ZoneId.of("America/Los_Angeles"))), query(settled, "start_time"));
        assertEquals(List.of(RequestTimes.format(position().head().minus(Duration.ofMinutes(10)).minusSeconds(1),
                ZoneId.of("America/Los_Angeles"))), query(settled, "end_time"));
        Set<Long> firstIds = new HashSet<>();
        first.bodies().forEach(b -> firstIds.addAll(ids(b)));
        long reread = second.bodies().stream().flatMap(b -> ids(b).stream()).filter(firstIds::contains).count();
        assertTrue(reread > 0, "the overlap was read again");
    }

    @Test
    void eventsArrivingWhilePagingAreRepeatsNeverMisses() throws Exception {
        TestSettings settings = s.settingsOf(admin).initialWindow(Duration.ofDays(1));
        SourceAdapter adapter = SandboxOnehub.adapter(settings);
        s.sandbox.generator().generate(250, Duration.ofHours(20));
        List<TruthEntry> before = s.truth();
        List<TruthEntry> arrived = new ArrayList<>();
        // after page 1, seven events land at the window's very end: they push everything down by seven
        HookedHttp http = new HookedHttp(s.http).after(1, () -> IntStream.range(0, 7)
                .forEach(i -> arrived.add(s.sandbox.onehub().inject(Verb.READ).emit())));

        s.poll(settings, http).run(adapter);

        s.assertStoredExactly(before);
        List<Long> read = http.bodies().stream().flatMap(b -> ids(b).stream()).toList();
        assertEquals(7, read.size() - new HashSet<>(read).size(), "seven items were read twice");

        s.clock.advance(Duration.ofSeconds(30));
        s.poll(settings).run(adapter);
        assertEquals(7, arrived.size());
        s.assertStoredExactly(s.truth());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4})
    void crashBeforeCommitResumesTheUnreadPartOfTheWindow(int crashAt) throws Exception {
        TestSettings settings = s.settingsOf(admin).initialWindow(Duration.ofDays(1));
        s.sandbox.generator().generate(350, Duration.ofHours(20));

        TestPoll crashed = s.poll(settings).crashBeforeCommit(crashAt);
        assertThrows(TestPoll.SimulatedCrash.class, () -> crashed.run(SandboxOnehub.adapter(settings)));
        assertEquals(100 * (crashAt - 1), s.store.events().size());

        s.clock.advance(Duration.ofSeconds(30));
        s.sandbox.generator().generate(12);
        int sentBefore = s.http.sent().size();
        s.pollOnce(settings);

        s.assertStoredExactly(s.truth());
        assertNull(position().window(), "every window done");
        URI resumed = s.http.sent().get(sentBefore);
        assertEquals(List.of("1"), query(resumed, "page"));
        if (crashAt > 1) {
            // the unread part only: its end is the oldest event stored before the crash
            Instant oldestStored = s.store.events().stream().limit(100L * (crashAt - 1))
                    .map(SourceEvent::occurredAt).min(Instant::compareTo).orElseThrow();
            assertEquals(List.of(RequestTimes.endTime(oldestStored, admin.zone())), query(resumed, "end_time"));
        }
    }

    @Test
    void aStopLeavesTheWindowForTheNextPollToFinish() throws Exception {
        TestSettings settings = s.settingsOf(admin).initialWindow(Duration.ofDays(1));
        s.sandbox.generator().generate(350, Duration.ofHours(20));

        TestPoll stopped = s.poll(settings).stopAfterCommits(2).run(SandboxOnehub.adapter(settings));

        assertEquals(2, stopped.commits());
        assertEquals(200, s.store.events().size());
        assertNull(position().head(), "the first window is not done");
        assertEquals(T0, position().window().to());

        s.clock.advance(Duration.ofSeconds(30));
        s.pollOnce(settings);
        s.assertStoredExactly(s.truth());
        assertNull(position().window(), "every window done");
    }

    // ---- mapping over the wire ----

    @Test
    void everyVerbMapsToItsTypeObjectAndContainer() throws Exception {
        long ws0 = s.sandbox.onehub().workspaceIds().get(0);
        long file = s.sandbox.onehub().fileIds(ws0).get(0);
        Instant t = T0.minus(Duration.ofMinutes(30));
        List<TruthEntry> emitted = List.of(
                s.sandbox.onehub().inject(Verb.CREATE).workspace(ws0).name("Plans & <Ideas>").at(t).emit(),
                s.sandbox.onehub().inject(Verb.UPLOAD).workspace(ws0).name("Résumé – 日本語.pdf").size(7 * 1024)
                        .at(t.plusSeconds(1)).emit(),
                s.sandbox.onehub().inject(Verb.READ).file(file).at(t.plusSeconds(2)).emit(),
                s.sandbox.onehub().inject(Verb.DOWNLOAD).file(file).at(t.plusSeconds(3)).emit(),
                s.sandbox.onehub().inject(Verb.UPDATE).file(file).size(2048).at(t.plusSeconds(4)).emit(),
                s.sandbox.onehub().inject(Verb.UPDATE).file(file).name("renamed.txt").at(t.plusSeconds(5)).emit(),
                s.sandbox.onehub().inject(Verb.DELETE).file(file).at(t.plusSeconds(6)).emit(),
                s.sandbox.onehub().inject(Verb.INVITE).workspace(ws0).email("o'neil+1@example.org")
                        .at(t.plusSeconds(7)).emit());

        s.pollOnce(s.settingsOf(admin));

        s.assertStoredExactly(emitted);
        assertTrue(s.store.problems().isEmpty(), s.store.problems().toString());
        Map<String, SourceEvent> stored = s.storedByKey();
        SourceEvent upload = stored.get(SandboxOnehub.key(emitted.get(1)));
        String workspace = "Zoë's \"Q3\" R&D <draft>";
        assertEquals("Matthew Anderson uploaded the Résumé – 日本語.pdf File (7 KB) to the " + workspace + " Workspace",
                upload.summary());
        assertEquals(new ObjectRef("workspace", Long.toString(ws0), workspace,
                s.sandbox.baseUrl() + "/workspaces/" + ws0), upload.container());
        assertEquals(s.sandbox.baseUrl() + "/workspaces/" + ws0 + "/files/" + emitted.get(1).objectId(),
                upload.object().url());
        SourceEvent created = stored.get(SandboxOnehub.key(emitted.get(0)));
        assertEquals("Plans & <Ideas>", created.object().name());
        assertEquals("created", created.sourceType());
        SourceEvent renamed = stored.get(SandboxOnehub.key(emitted.get(5)));
        assertEquals("renamed", renamed.sourceType());
        assertEquals(EventType.UPDATED, renamed.type());
        assertEquals("renamed.txt", renamed.object().name());
        SourceEvent deleted = stored.get(SandboxOnehub.key(emitted.get(6)));
        assertEquals(new ObjectRef("file", null, "renamed.txt", null), deleted.object());
        SourceEvent invited = stored.get(SandboxOnehub.key(emitted.get(7)));
        assertEquals("o'neil+1@example.org", invited.object().name());
        assertEquals(Long.toString(admin.onehubUserId()), invited.actor().id());
        assertEquals(admin.name(), invited.actor().name());
    }

    @Test
    void namesWithEntitiesAndNonAsciiLettersArriveAsWritten() throws Exception {
        s.close();
        s = new SandboxOnehub(T0, Sandbox.builder().seed(7).people(12));
        long ws0 = s.sandbox.onehub().workspaceIds().get(0);
        long file = s.sandbox.onehub().fileIds(ws0).get(0);
        List<Person> members = s.sandbox.world().people().stream()
                .filter(p -> s.sandbox.onehub().role(p, ws0).isPresent()).toList();
        List<TruthEntry> emitted = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            emitted.add(s.sandbox.onehub().inject(Verb.DOWNLOAD).file(file).actor(members.get(i).onehubUserId())
                    .at(T0.minusSeconds(60 + i)).emit());
        }

        s.pollOnce(s.settingsOf(s.person(0)));

        s.assertStoredExactly(emitted);
        for (int i = 0; i < members.size(); i++) {
            SourceEvent e = s.storedByKey().get(SandboxOnehub.key(emitted.get(i)));
            assertEquals(members.get(i).name(), e.actor().name());
            assertEquals("Zoë's \"Q3\" R&D <draft>", e.container().name());
            assertTrue(e.summary().startsWith(members.get(i).name() + " downloaded the "), e.summary());
        }
        assertTrue(members.stream().anyMatch(p -> p.name().contains("<") || p.name().contains("\"")),
                "the test includes a name that needs escaping");
    }

    // ---- time zones ----

    @ParameterizedTest
    @ValueSource(strings = {"America/Los_Angeles", "Asia/Kolkata", "Australia/Lord_Howe", "UTC"})
    void theWindowStartsExactlyWhereMeantInTheUsersZone(String zone) throws Exception {
        s.close();
        s = new SandboxOnehub(T0, Sandbox.builder().seed(7).onehubZones(List.of(ZoneId.of(zone))));
        Instant start = T0.minus(Duration.ofHours(1));
        TruthEntry justBefore = s.sandbox.onehub().inject(Verb.READ).at(start.minusSeconds(1)).emit();
        TruthEntry atStart = s.sandbox.onehub().inject(Verb.READ).at(start).emit();

        s.pollOnce(s.settingsOf(s.person(0)).initialWindow(Duration.ofHours(1)));

        s.assertStoredExactly(List.of(atStart));
        assertFalse(s.storedByKey().containsKey(SandboxOnehub.key(justBefore)));
        assertEquals(List.of(RequestTimes.startTime(start, ZoneId.of(zone))),
                query(s.http.sent().get(0), "start_time"));
    }

    @Test
    void aWrongTimezoneSettingMissesEvents() throws Exception {
        // the user lives in Los Angeles (-08:00); a setting of Honolulu (-10:00) shifts the window two hours back
        TruthEntry recent = s.sandbox.onehub().inject(Verb.READ).at(T0.minus(Duration.ofMinutes(30))).emit();
        TruthEntry older = s.sandbox.onehub().inject(Verb.READ).at(T0.minus(Duration.ofMinutes(150))).emit();

        s.pollOnce(s.settingsOf(admin, ZoneId.of("Pacific/Honolulu")).initialWindow(Duration.ofHours(1)));
        assertEquals(Set.of(SandboxOnehub.key(older)), s.storedByKey().keySet(), "wrong zone: wrong window");

        SandboxOnehub right = new SandboxOnehub(T0);
        try {
            right.sandbox.onehub().inject(Verb.READ).at(T0.minus(Duration.ofMinutes(30))).emit();
            right.sandbox.onehub().inject(Verb.READ).at(T0.minus(Duration.ofMinutes(150))).emit();
            right.pollOnce(right.settingsOf(right.person(0)).initialWindow(Duration.ofHours(1)));
            assertEquals(Set.of(SandboxOnehub.key(recent)), right.storedByKey().keySet());
        } finally {
            right.close();
        }
    }

    @Test
    void readsThroughTheHourBerlinRepeats() throws Exception {
        s.close();
        // 2026-10-25: Berlin's clocks go from 03:00 CEST back to 02:00 CET (01:00Z)
        Instant start = Instant.parse("2026-10-24T23:50:00Z");
        s = new SandboxOnehub(start, Sandbox.builder().seed(7).onehubZones(List.of(ZoneId.of("Europe/Berlin"))));
        TestSettings settings = s.settingsOf(s.person(0)).initialWindow(Duration.ofMinutes(10));
        SourceAdapter adapter = SandboxOnehub.adapter(settings);
        for (int minute = 0; minute <= 150; minute += 5) {
            s.clock.set(start.plus(Duration.ofMinutes(minute)));
            s.sandbox.onehub().inject(Verb.READ).emit();
            s.poll(settings).run(adapter);
        }
        s.assertStoredExactly(s.truth());
        assertEquals(31, s.truth().size());
    }

    // ---- audit trails ----

    @Test
    void anAuditTrailBringsTheFilesEventsDownToTheWindowStart() throws Exception {
        long ws0 = s.sandbox.onehub().workspaceIds().get(0);
        long file = s.sandbox.onehub().fileIds(ws0).get(0);
        for (int i = 0; i < 150; i++) {
            s.sandbox.onehub().inject(Verb.READ).file(file).at(T0.minus(Duration.ofDays(3)).plusSeconds(60L * i)).emit();
        }
        List<TruthEntry> expected = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            expected.add(s.sandbox.onehub().inject(Verb.READ).file(file).at(T0.minusSeconds(100 + 60L * i)).emit());
        }
        for (int i = 0; i < 5; i++) {
            expected.add(s.sandbox.onehub().inject(Verb.UPLOAD).workspace(ws0).name("new-" + i + ".txt")
                    .at(T0.minusSeconds(30 + i)).emit());
        }

        // the feed gives only uploads: the reads can only come from the audit trail
        s.pollOnce(s.settingsOf(admin).initialWindow(Duration.ofDays(1)).option("verbs", "upload")
                .option("audit-files", Long.toString(file)));

        s.assertStoredExactly(expected);
        List<URI> audit = s.http.sent().stream().filter(u -> u.getPath().endsWith("/audit_trail")).toList();
        assertEquals(1, audit.size(), "page 1 already reaches below the window");
        assertEquals(List.of("upload"), query(s.http.sent().get(0), "verbs[]"));
        assertTrue(s.store.warnings().isEmpty(), s.store.warnings().toString());
        assertNull(position().window(), "every window done");
    }

    @Test
    void anEventInTheFeedAndInAnAuditTrailIsOneEvent() throws Exception {
        long ws0 = s.sandbox.onehub().workspaceIds().get(0);
        long file = s.sandbox.onehub().fileIds(ws0).get(0);
        for (int i = 0; i < 30; i++) {
            s.sandbox.onehub().inject(Verb.DOWNLOAD).file(file).at(T0.minusSeconds(10L + i)).emit();
        }
        TestSettings settings = s.settingsOf(admin).option("audit-files", Long.toString(file));
        HookedHttp http = new HookedHttp(s.http);

        s.poll(settings, http).run(SandboxOnehub.adapter(settings));

        s.assertStoredExactly(s.truth());
        // the feed and the audit trail both listed the same thirty events
        assertEquals(2, http.bodies().size());
        assertEquals(new HashSet<>(ids(http.bodies().get(0))), new HashSet<>(ids(http.bodies().get(1))));
    }

    @Test
    void aCrashInTheAuditTrailsReadsThemAgainButNotTheFeed() throws Exception {
        long ws0 = s.sandbox.onehub().workspaceIds().get(0);
        long file = s.sandbox.onehub().fileIds(ws0).get(0);
        s.sandbox.generator().generate(60, Duration.ofHours(1));
        for (int i = 0; i < 5; i++) {
            s.sandbox.onehub().inject(Verb.READ).file(file).at(T0.minusSeconds(5L + i)).emit();
        }
        TestSettings settings = s.settingsOf(admin).option("verbs", "upload")
                .option("audit-files", Long.toString(file));

        TestPoll crashed = s.poll(settings).crashBeforeCommit(2);
        assertThrows(TestPoll.SimulatedCrash.class, () -> crashed.run(SandboxOnehub.adapter(settings)));
        assertNull(position().window(), "the feed part was committed");
        assertEquals(T0.minus(Duration.ofDays(7)), position().auditFrom(), "the audit trails are still owed");

        s.clock.advance(Duration.ofSeconds(30));
        int sentBefore = s.http.sent().size();
        s.pollOnce(settings);

        List<URI> after = s.http.sent().subList(sentBefore, s.http.sent().size());
        // this poll's new events, then the audit trail down to where the crashed poll had to read it
        assertTrue(after.get(0).getPath().endsWith("/activity/"), after.toString());
        assertTrue(after.get(after.size() - 1).getPath().endsWith("/files/" + file + "/audit_trail"), after.toString());
        assertNull(position().auditFrom());
        s.assertStoredExactly(s.truth().stream().filter(t -> t.action().equals("upload")
                || t.objectId().equals(Long.toString(file))).toList());
    }

    @Test
    void aCrashBetweenTwoAuditTrailsFinishesThemFirstThenPollsAsUsual() throws Exception {
        long ws0 = s.sandbox.onehub().workspaceIds().get(0);
        List<Long> files = s.sandbox.onehub().fileIds(ws0).subList(0, 2);
        for (long file : files) {
            s.sandbox.onehub().inject(Verb.READ).file(file).at(T0.minusSeconds(5)).emit();
        }
        TestSettings settings = s.settingsOf(admin).option("verbs", "upload")
                .option("audit-files", files.get(0) + "," + files.get(1));
        // commits: the feed, the first audit trail, then the second: the crash leaves the audit part pending
        TestPoll crashed = s.poll(settings).crashBeforeCommit(3);
        assertThrows(TestPoll.SimulatedCrash.class, () -> crashed.run(SandboxOnehub.adapter(settings)));
        assertEquals(Position.Purpose.AUDIT, position().window().purpose());

        s.clock.advance(Duration.ofSeconds(30));
        s.pollOnce(settings);
        assertNull(position().window(), "every window done");
        assertNull(position().auditFrom());
        s.assertStoredExactly(s.truth().stream().filter(t -> t.action().equals("upload")
                || files.stream().map(String::valueOf).toList().contains(t.objectId())).toList());
    }

    @Test
    void aRefusedAuditTrailIsAWarningAndTheRestGoesOn() throws Exception {
        Person moderator = s.person(1); // moderates workspace 0, only views workspace 1
        List<Long> workspaces = s.sandbox.onehub().workspaceIds();
        long moderated = s.sandbox.onehub().fileIds(workspaces.get(0)).get(0);
        long viewed = s.sandbox.onehub().fileIds(workspaces.get(1)).get(0);
        List<TruthEntry> ofModerated = List.of(
                s.sandbox.onehub().inject(Verb.READ).file(moderated).at(T0.minusSeconds(20)).emit(),
                s.sandbox.onehub().inject(Verb.DOWNLOAD).file(moderated).at(T0.minusSeconds(10)).emit());
        s.sandbox.onehub().inject(Verb.READ).file(viewed).at(T0.minusSeconds(15)).emit();

        s.pollOnce(s.settingsOf(moderator).option("verbs", "upload")
                .option("audit-files", viewed + ",999999," + moderated));

        s.assertStoredExactly(ofModerated);
        assertEquals(2, s.store.warnings().size(), s.store.warnings().toString());
        assertTrue(s.store.warnings().get(0).startsWith("audit trail of file " + viewed + " refused: the token's user"
                + " is not a moderator"), s.store.warnings().get(0));
        assertTrue(s.store.warnings().get(1).startsWith("audit trail of file 999999 not found"),
                s.store.warnings().get(1));
        assertNull(position().window(), "every window done");
    }

    // ---- faults ----

    @Test
    void aRefusedTokenStopsTheConnectionWithAClearStatus() throws Exception {
        TestSettings settings = s.settingsOf(admin).token("not-a-token");

        AuthenticationException e = assertThrows(AuthenticationException.class, () -> s.pollOnce(settings));

        assertEquals(401, e.httpStatus().orElseThrow());
        assertTrue(e.getMessage().contains("gateway.sources.onehub-test.token"), e.getMessage());
        assertTrue(s.store.checkpoints().isEmpty());
    }

    @Test
    void aRateLimitFailsThePollWithRetryAfterAndTheNextPollCatchesUp() throws Exception {
        TestSettings settings = s.settingsOf(admin).initialWindow(Duration.ofDays(1));
        SourceAdapter adapter = SandboxOnehub.adapter(settings);
        s.sandbox.generator().generate(250, Duration.ofHours(20));
        HookedHttp http = new HookedHttp(s.http)
                .after(1, () -> s.sandbox.faults().next(Api.ONEHUB, 1, Fault.tooManyRequests(Duration.ofSeconds(7))));

        SourceException e = assertThrows(SourceException.class, () -> s.poll(settings, http).run(adapter));

        assertEquals(429, e.httpStatus().orElseThrow());
        assertEquals(Duration.ofSeconds(7), e.retryAfter().orElseThrow());
        assertEquals(100, s.store.events().size(), "page 1 stays committed");
        s.clock.advance(Duration.ofSeconds(7));
        s.poll(settings).run(adapter);
        s.assertStoredExactly(s.truth());
    }

    @ParameterizedTest
    @ValueSource(strings = {"status:503", "status:500", "not-json", "truncated"})
    void aBrokenAnswerFailsThePollWithoutCommittingIt(String fault) throws Exception {
        TestSettings settings = s.settingsOf(admin);
        s.sandbox.generator().generate(50, Duration.ofHours(1));
        s.sandbox.faults().next(Api.ONEHUB, 1, Fault.parse(fault));

        assertThrows(SourceException.class, () -> s.pollOnce(settings));
        assertTrue(s.store.checkpoints().isEmpty());

        s.clock.advance(Duration.ofSeconds(30));
        s.pollOnce(settings);
        s.assertStoredExactly(s.truth());
    }

    @Test
    void malformedDetailsAreStoredAsOtherWithTheReasonOnce() throws Exception {
        TestSettings settings = s.settingsOf(admin);
        SourceAdapter adapter = SandboxOnehub.adapter(settings);
        s.sandbox.faults().plan(Api.ONEHUB).random(11, 0, List.of(), 0.25);
        s.sandbox.generator().generate(200, Duration.ofMinutes(5));
        List<TruthEntry> malformed = s.truth().stream().filter(t -> t.malformed() != null).toList();
        assertTrue(malformed.size() > 10, "enough malformed records to mean something");

        s.poll(settings).run(adapter);
        s.clock.advance(Duration.ofSeconds(30));
        s.poll(settings).run(adapter);

        s.assertStoredExactly(s.truth());
        List<RecordProblem> problems = s.store.problems();
        assertEquals(malformed.size(), problems.size(), "one problem per malformed record, not one per re-read");
        for (TruthEntry t : malformed) {
            RecordProblem p = problems.stream().filter(r -> r.reason().startsWith("event " + SandboxOnehub.key(t) + ":"))
                    .findFirst().orElseThrow(() -> new AssertionError("no problem for " + SandboxOnehub.key(t)));
            assertTrue(p.eventStored());
            JsonNode raw = Fixtures.json(p.raw());
            assertEquals(SandboxOnehub.key(t), raw.at("/event/id").asText());
            SourceEvent e = s.storedByKey().get(SandboxOnehub.key(t));
            assertFalse(e.summary().contains("<predicate>") || e.summary().contains("<a "), e.summary());
            String actor = s.sandbox.world().people().stream()
                    .filter(person -> Long.toString(person.onehubUserId()).equals(t.actorId()))
                    .findFirst().orElseThrow().name();
            assertEquals(actor, e.actor().name(), "the subject, without the predicate wrongly inside it");
        }
    }
}
