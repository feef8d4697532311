package io.activitygateway.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.activitygateway.sandbox.onehub.OnehubSimulator;
import io.activitygateway.sandbox.onehub.Role;
import io.activitygateway.sandbox.onehub.Verb;
import io.activitygateway.sandbox.truth.TruthEntry;
import io.activitygateway.sandbox.world.Person;
import io.activitygateway.testkit.SettableClock;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Activity and audit trail: auth, roles, paging, filters, times in the user's zone, the detail grammar. */
class OnehubTest {

    static final Instant T0 = Instant.parse("2024-06-03T12:00:00Z");
    static SettableClock clock = new SettableClock(T0);
    static Sandbox sandbox;
    static Person admin;
    static Person moderator;
    static long ws0;
    static long ws1;
    static long ws2;
    static long file0;
    /** 65 reads of file0 by the admin, one second apart, oldest first. */
    static List<TruthEntry> reads = new ArrayList<>();

    @BeforeAll
    static void start() {
        sandbox = Sandbox.builder().clock(clock).seed(3).apis(Api.ONEHUB).start();
        admin = sandbox.world().person(0);
        moderator = sandbox.world().person(1);
        List<Long> workspaces = sandbox.onehub().workspaceIds();
        ws0 = workspaces.get(0);
        ws1 = workspaces.get(1);
        ws2 = workspaces.get(2);
        file0 = sandbox.onehub().fileIds(ws0).get(0);
        for (int i = 0; i < 65; i++) {
            reads.add(sandbox.onehub().inject(Verb.READ).file(file0).at(T0.minusSeconds(65 - i)).emit());
        }
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    static Http.Response get(Person user, String pathAndQuery) {
        return Http.get(sandbox.onehubBaseUrl() + pathAndQuery, OnehubSimulator.token(user));
    }

    static List<Long> ids(JsonNode page) {
        List<Long> ids = new ArrayList<>();
        page.get("items").forEach(i -> ids.add(i.at("/event/id").asLong()));
        return ids;
    }

    static String rfc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void refusesMissingAndUnknownTokens() {
        for (String token : new String[] {null, "onehub-token-0"}) {
            Http.Response r = Http.get(sandbox.onehubBaseUrl() + "/activity/", token);
            assertEquals(401, r.status());
            assertTrue(r.json().get("error").isTextual());
        }
    }

    @Test
    void rolesAreAsDocumentedForTheFirstTwoPeople() {
        assertEquals(Optional.of(Role.ADMINISTRATOR), sandbox.onehub().role(admin, ws2));
        assertEquals(Optional.of(Role.MODERATOR), sandbox.onehub().role(moderator, ws0));
        assertEquals(Optional.of(Role.VIEWER), sandbox.onehub().role(moderator, ws1));
        assertEquals(Optional.empty(), sandbox.onehub().role(moderator, ws2));
    }

    @Test
    void pagesNewestFirstWithTheDocumentedEnvelope() {
        JsonNode first = get(admin, "/activity/").json();
        assertEquals(List.of("total_entries", "current_page", "total_pages", "per_page", "items"),
                KantataApiTest.fieldNames(first));
        assertEquals(65, first.get("total_entries").asInt());
        assertEquals(1, first.get("current_page").asInt());
        assertEquals(3, first.get("total_pages").asInt());
        assertEquals(30, first.get("per_page").asInt());
        JsonNode event = first.at("/items/0/event");
        assertEquals(List.of("id", "updated_at", "detail", "workspace_id", "user_id"), KantataApiTest.fieldNames(event));
        assertEquals(reads.get(64).upstreamIds().get(0), event.get("id").asText());
        assertEquals("2024-06-03T04:59:59-07:00", event.get("updated_at").asText(), "the admin's Los Angeles offset");
        assertEquals(ws0, event.get("workspace_id").asLong());
        assertEquals(admin.onehubUserId(), event.get("user_id").asLong());
        assertEquals("2024-06-03T13:59:59+02:00", get(moderator, "/activity/").json().at("/items/0/event/updated_at").asText(),
                "the same event in the moderator's Berlin offset");

        List<Long> walked = new ArrayList<>();
        for (int page = 1; page <= 3; page++) {
            JsonNode body = get(admin, "/activity?page=" + page).json();
            assertEquals(page, body.get("current_page").asInt());
            walked.addAll(ids(body));
        }
        List<Long> expected = new ArrayList<>();
        for (int i = 64; i >= 0; i--) {
            expected.add(Long.parseLong(reads.get(i).upstreamIds().get(0)));
        }
        assertEquals(expected, walked);
        assertEquals(100, get(admin, "/activity/?per_page=500").json().get("per_page").asInt());
        assertEquals(0, get(admin, "/activity/?page=4").json().get("items").size());
    }

    @Test
    void startAndEndTimeAreReadAsWallClockInTheRequestingUsersZone() {
        // 11:59:30Z is 04:59:30 in Los Angeles (PDT) and 13:59:30 in Berlin (CEST).
        String la = "/activity/?per_page=100&start_time=" + rfc("Mon, 03 Jun 2024 04:59:30 -0700")
                + "&end_time=" + rfc("Mon, 03 Jun 2024 04:59:40 -0700");
        List<Long> window = ids(get(admin, la).json());
        List<Long> expected = new ArrayList<>();
        for (int i = 45; i >= 35; i--) {
            expected.add(Long.parseLong(reads.get(i).upstreamIds().get(0)));
        }
        assertEquals(expected, window, "both ends inclusive");
        String writtenInUtc = "/activity/?per_page=100&start_time=" + rfc("Mon, 03 Jun 2024 04:59:30 +0000")
                + "&end_time=" + rfc("03 Jun 2024 04:59:40 GMT");
        assertEquals(expected, ids(get(admin, writtenInUtc).json()), "the zone in the string is ignored");
        assertEquals(0, get(moderator, writtenInUtc).json().get("total_entries").asInt(),
                "04:59 in Berlin is 02:59Z, before any event");
        String berlin = "/activity/?start_time=" + rfc("Mon, 03 Jun 2024 13:59:30 +0200");
        assertEquals(30, get(moderator, berlin).json().get("total_entries").asInt());
        Http.Response bad = get(admin, "/activity/?start_time=2024-06-03T04:59:30Z");
        assertEquals(400, bad.status());
        assertTrue(bad.json().get("error").isTextual());
    }

    @Test
    void filtersByVerbsActorSelfAndWorkspacesWithinMemberships() {
        Instant at = T0.plusSeconds(100);
        clock.set(at);
        try {
            long file2 = sandbox.onehub().fileIds(ws2).get(0);
            Person other = sandbox.world().person(2);
            TruthEntry upload = sandbox.onehub().inject(Verb.UPLOAD).workspace(ws0).actor(moderator.onehubUserId())
                    .name("a.txt").at(at).emit();
            TruthEntry download = sandbox.onehub().inject(Verb.DOWNLOAD).file(file0).actor(other.onehubUserId()).at(at).emit();
            TruthEntry inWs2 = sandbox.onehub().inject(Verb.READ).file(file2).at(at).emit();
            String recent = "&start_time=" + rfc("Mon, 03 Jun 2024 05:01:00 -0700");
            assertEquals(List.of(id(upload)), ids(get(admin, "/activity/?verbs[]=upload&verbs[]=delete" + recent).json()));
            assertEquals(List.of(id(download), id(upload)),
                    ids(get(admin, "/activity/?verbs=upload,download" + recent).json()));
            assertEquals(List.of(id(download)), ids(get(admin, "/activity/?actor=" + other.onehubUserId() + recent).json()));
            assertEquals(List.of(id(download), id(upload)), ids(get(admin, "/activity/?filter_self=true" + recent).json()));
            assertEquals(List.of(id(inWs2)), ids(get(admin, "/activity/?workspaces[]=" + ws2 + recent).json()));
            String recentInBerlin = "&start_time=" + rfc("Mon, 03 Jun 2024 14:01:00 +0200");
            assertEquals(List.of(id(download)), ids(get(moderator, "/activity/?filter_self=true" + recentInBerlin).json()),
                    "the moderator is no member of workspace 2 and filters out their own upload");
            assertEquals(0, get(moderator, "/activity/?workspaces[]=" + ws2).json().get("total_entries").asInt());
            assertEquals(400, get(admin, "/activity/?verbs=print").status());
        } finally {
            clock.set(T0);
        }
    }

    static long id(TruthEntry entry) {
        return Long.parseLong(entry.upstreamIds().get(0));
    }

    @Test
    void theAuditTrailIsForModeratorsAndAboveAndSharesIdsWithTheActivityFeed() {
        JsonNode trail = get(moderator, "/files/" + file0 + "/audit_trail?per_page=100").json();
        assertEquals(65, trail.get("total_entries").asInt());
        assertEquals(ids(get(admin, "/activity/?per_page=100&workspaces=" + ws0 + "&verbs=read").json()).subList(0, 65),
                ids(trail));
        assertEquals(30, get(admin, "/files/" + file0 + "/audit_trail").json().get("per_page").asInt());
        long viewerFile = sandbox.onehub().fileIds(ws1).get(0);
        long strangerFile = sandbox.onehub().fileIds(ws2).get(0);
        assertEquals(403, get(moderator, "/files/" + viewerFile + "/audit_trail").status());
        assertEquals(403, get(moderator, "/files/" + strangerFile + "/audit_trail").status());
        assertTrue(get(moderator, "/files/" + strangerFile + "/audit_trail").json().get("error").isTextual());
        assertEquals(200, get(admin, "/files/" + strangerFile + "/audit_trail").status());
        assertEquals(404, get(admin, "/files/1/audit_trail").status());
    }

    @Test
    void detailFollowsTheDocumentedGrammarForEveryVerbWithNamesEscaped() {
        Instant at = T0.plusSeconds(200);
        clock.set(at);
        try {
            String ws = "<a href=\"/workspaces/" + ws0 + "\">Zoë&#39;s &quot;Q3&quot; R&amp;D &lt;draft&gt;</a> Workspace";
            String me = "<subject>Matthew Anderson</subject> ";
            TruthEntry upload = sandbox.onehub().inject(Verb.UPLOAD).workspace(ws0).name("R&D <v2> \"final\".pdf")
                    .size(7 * 1024).at(at).emit();
            long file = Long.parseLong(upload.objectId());
            String link = "<a href=\"/workspaces/" + ws0 + "/files/" + file + "\">R&amp;D &lt;v2&gt; &quot;final&quot;.pdf</a>";
            assertEquals(me + "<predicate>uploaded</predicate> the <object>" + link + " File</object> "
                    + "<complement>(7 KB)</complement> to the <object>" + ws + "</object>", detail(upload));
            assertEquals(me + "<predicate>viewed</predicate> the <object>" + link + " File</object> "
                    + "<complement>(7 KB)</complement> in the <object>" + ws + "</object>",
                    detail(sandbox.onehub().inject(Verb.READ).file(file).at(at).emit()));
            assertEquals(me + "<predicate>downloaded</predicate> the <object>" + link + " File</object> "
                    + "<complement>(7 KB)</complement> from the <object>" + ws + "</object>",
                    detail(sandbox.onehub().inject(Verb.DOWNLOAD).file(file).at(at).emit()));
            assertEquals(me + "<predicate>updated</predicate> the <object>" + link + " File</object> "
                    + "<complement>(2.0 MB)</complement> in the <object>" + ws + "</object>",
                    detail(sandbox.onehub().inject(Verb.UPDATE).file(file).size(2 * 1024 * 1024).at(at).emit()));
            assertEquals(me + "<predicate>renamed</predicate> the <object><a href=\"/workspaces/" + ws0 + "/files/"
                    + file + "\">plan.pdf</a> File</object> <complement>(from R&amp;D &lt;v2&gt; &quot;final&quot;.pdf)"
                    + "</complement> in the <object>" + ws + "</object>",
                    detail(sandbox.onehub().inject(Verb.UPDATE).file(file).name("plan.pdf").at(at).emit()));
            assertEquals(me + "<predicate>deleted</predicate> the <object>plan.pdf File</object> from the <object>"
                    + ws + "</object>", detail(sandbox.onehub().inject(Verb.DELETE).file(file).at(at).emit()));
            TruthEntry folder = sandbox.onehub().inject(Verb.CREATE).workspace(ws0).name("Café & Co").at(at).emit();
            String folderLink = "<a href=\"/workspaces/" + ws0 + "/folders/" + folder.objectId() + "\">Café &amp; Co</a>";
            assertEquals(me + "<predicate>created</predicate> the <object>" + folderLink + " Folder</object> in the <object>"
                    + ws + "</object>", detail(folder));
            TruthEntry inFolder = sandbox.onehub().inject(Verb.UPLOAD).workspace(ws0)
                    .folder(Long.parseLong(folder.objectId())).name("x.png").size(500).at(at).emit();
            assertTrue(detail(inFolder).endsWith("<complement>(500 Bytes)</complement> to the <object>" + folderLink
                    + " Folder</object>"), detail(inFolder));
            assertEquals(me + "<predicate>invited</predicate> <object>o&#39;neil@example.org</object> to the <object>"
                    + ws + "</object>",
                    detail(sandbox.onehub().inject(Verb.INVITE).workspace(ws0).email("o'neil@example.org").at(at).emit()));
        } finally {
            clock.set(T0);
        }
    }

    private static String detail(TruthEntry entry) {
        JsonNode page = get(admin, "/activity/?per_page=100&start_time=" + rfc("Mon, 03 Jun 2024 05:03:00 -0700")).json();
        for (JsonNode item : page.get("items")) {
            if (item.at("/event/id").asText().equals(entry.upstreamIds().get(0))) {
                return item.at("/event/detail").asText();
            }
        }
        throw new AssertionError("event " + entry + " not served");
    }
}
