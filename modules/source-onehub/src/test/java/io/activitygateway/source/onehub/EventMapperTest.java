package io.activitygateway.source.onehub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.activitygateway.model.Actor;
import io.activitygateway.model.EventType;
import io.activitygateway.model.ObjectRef;
import io.activitygateway.model.SourceEvent;
import io.activitygateway.model.TimePrecision;
import io.activitygateway.source.onehub.EventMapper.Mapped;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventMapperTest {

    private static final String WEB = "https://ws-api.onehub.com";
    private final EventMapper mapper = new EventMapper(ZoneId.of("America/Los_Angeles"), URI.create(WEB));

    private static final ObjectRef TESTING_WORKSPACE =
            new ObjectRef("workspace", "4137", "Testing the API", WEB + "/workspaces/4137");

    @Test
    void mapsEveryFieldOfTheDocumentedActivitySample() {
        JsonNode item = Fixtures.firstItem("activity-page.json");
        Mapped mapped = mapper.map(item);

        assertNull(mapped.problem());
        SourceEvent e = mapped.event();
        assertEquals("5063247", e.key());
        assertEquals("5063247", e.sourceEventId());
        assertEquals(EventType.VIEWED, e.type());
        assertEquals("viewed", e.sourceType());
        assertEquals(Instant.parse("2016-01-18T19:16:53Z"), e.occurredAt());
        assertEquals(TimePrecision.SECOND, e.occurredAtPrecision());
        assertNull(e.recordedAt());
        assertEquals(new Actor("481", "Matthew Anderson", null), e.actor());
        assertEquals(new ObjectRef("file", "849607", "onehub-logo.png", WEB + "/workspaces/4137/files/849607"),
                e.object());
        assertEquals(TESTING_WORKSPACE, e.container());
        assertEquals(List.of(), e.changes());
        assertEquals("Matthew Anderson viewed the onehub-logo.png File (7 KB) in the Testing the API Workspace",
                e.summary());
        assertEquals(item, e.raw());
    }

    @Test
    void mapsTheDocumentedAuditTrailSampleAcrossTheDateLineInUtc() {
        SourceEvent e = mapper.map(Fixtures.firstItem("audit-trail-page.json")).event();

        assertEquals("5062927", e.key());
        assertEquals(EventType.UPLOADED, e.type());
        // 16:22:45 at -08:00 is already the next day in UTC
        assertEquals(Instant.parse("2016-01-16T00:22:45Z"), e.occurredAt());
        assertEquals(new ObjectRef("file", "849607", "Onehub_Med_RGB.png", WEB + "/workspaces/4137/files/849607"),
                e.object());
        assertEquals(TESTING_WORKSPACE, e.container());
        assertEquals("Matthew Anderson uploaded the Onehub_Med_RGB.png File (7 KB) to the Testing the API Workspace",
                e.summary());
    }

    @ParameterizedTest
    @CsvSource({
            "created, created", "uploaded, uploaded", "viewed, viewed", "downloaded, downloaded",
            "updated, updated", "renamed, updated", "deleted, deleted", "invited, invited",
            "commented on, other", "Viewed, viewed"})
    void typeComesFromThePredicateAndTheVerbIsKept(String predicate, String type) {
        Mapped mapped = mapper.map(Fixtures.item(7, "2026-11-20T10:00:00-08:00", "<subject>Ann</subject> <predicate>"
                + predicate + "</predicate> the <object><a href=\"/workspaces/4137/files/9\">a.txt</a> File</object>"
                + " in the <object><a href=\"/workspaces/4137\">W</a> Workspace</object>"));

        assertEquals(type, mapped.event().type().wireName());
        assertEquals(predicate, mapped.event().sourceType());
        assertNull(mapped.problem(), "an unknown verb is a readable detail, not a problem");
    }

    @Test
    void namesHaveTheirEntitiesDecodedAndKeepNonAsciiText() {
        SourceEvent e = mapper.map(Fixtures.item(8, "2026-11-20T10:00:00-08:00",
                "<subject>Zoë O&#39;Brien-Łukasz</subject> <predicate>downloaded</predicate> the <object>"
                        + "<a href=\"/workspaces/4137/files/10\">R&amp;D &lt;draft&gt; &quot;v2&quot; – 日本語.pdf</a>"
                        + " File</object> <complement>(1.2 MB)</complement> from the <object>"
                        + "<a href=\"/workspaces/4137\">Ventes &amp; Marketing</a> Workspace</object>")).event();

        assertEquals("Zoë O'Brien-Łukasz", e.actor().name());
        assertEquals("R&D <draft> \"v2\" – 日本語.pdf", e.object().name());
        assertEquals("Ventes & Marketing", e.container().name());
        assertEquals("Zoë O'Brien-Łukasz downloaded the R&D <draft> \"v2\" – 日本語.pdf File (1.2 MB) from the"
                + " Ventes & Marketing Workspace", e.summary());
    }

    @Test
    void markupInsideANameNeverReachesIt() {
        SourceEvent e = mapper.map(Fixtures.item(9, "2026-11-20T10:00:00-08:00",
                "<subject>Eve<script>alert(1)</script></subject> <predicate>updated</predicate> the <object>"
                        + "<a href=\"/workspaces/4137/files/11\"><b>Bold</b> <i>plan</i></a> File</object>")).event();

        assertEquals("Eve", e.actor().name());
        assertEquals("Bold plan", e.object().name());
        assertFalse(e.summary().contains("<"), e.summary());
    }

    @Test
    void aDeletedTargetWithoutALinkKeepsItsNameAndType() {
        SourceEvent e = mapper.map(Fixtures.item(10, "2026-11-20T10:00:00-08:00",
                "<subject>Ann</subject> <predicate>deleted</predicate> the <object>report.pdf File</object> from the"
                        + " <object><a href=\"/workspaces/4137\">Testing the API</a> Workspace</object>")).event();

        assertEquals(EventType.DELETED, e.type());
        assertEquals(new ObjectRef("file", null, "report.pdf", null), e.object());
        assertEquals(TESTING_WORKSPACE, e.container());
    }

    @Test
    void anInvitedPersonIsAUserNamedByTheirAddress() {
        SourceEvent e = mapper.map(Fixtures.item(11, "2026-11-20T10:00:00-08:00",
                "<subject>Ann</subject> <predicate>invited</predicate> <object>jane@example.com</object> to the"
                        + " <object><a href=\"/workspaces/4137\">Testing the API</a> Workspace</object>")).event();

        assertEquals(EventType.INVITED, e.type());
        assertEquals(new ObjectRef("user", null, "jane@example.com", null), e.object());
        assertEquals(TESTING_WORKSPACE, e.container());
    }

    @Test
    void aFolderIsTheContainerWhenNoWorkspaceIsNamed() {
        SourceEvent e = mapper.map(Fixtures.item(12, "2026-11-20T10:00:00-08:00",
                "<subject>Ann</subject> <predicate>uploaded</predicate> the <object>"
                        + "<a href=\"/workspaces/4137/files/13\">a.png</a> File</object> to the <object>"
                        + "<a href=\"/workspaces/4137/folders/77\">Designs</a> Folder</object>")).event();

        assertEquals(new ObjectRef("folder", "77", "Designs", WEB + "/workspaces/4137/folders/77"), e.container());
    }

    @Test
    void aWorkspaceIsPreferredOverAFolderAsTheContainer() {
        SourceEvent e = mapper.map(Fixtures.item(13, "2026-11-20T10:00:00-08:00",
                "<subject>Ann</subject> <predicate>uploaded</predicate> the <object>"
                        + "<a href=\"/workspaces/4137/files/13\">a.png</a> File</object> to the <object>"
                        + "<a href=\"/workspaces/4137/folders/77\">Designs</a> Folder</object> in the <object>"
                        + "<a href=\"/workspaces/4137\">Testing the API</a> Workspace</object>")).event();

        assertEquals(TESTING_WORKSPACE, e.container());
    }

    @Test
    void withoutAPlaceInTheDetailTheContainerIsTheRecordsWorkspace() {
        SourceEvent e = mapper.map(Fixtures.item(14, "2026-11-20T10:00:00-08:00",
                "<subject>Ann</subject> <predicate>created</predicate> the <object>"
                        + "<a href=\"/workspaces/4137\">Testing the API</a> Workspace</object>")).event();

        assertEquals(TESTING_WORKSPACE, e.object());
        assertEquals(new ObjectRef("workspace", "4137", null, WEB + "/workspaces/4137"), e.container());
    }

    @Test
    void aLinkWithoutANounTakesItsTypeFromThePath() {
        SourceEvent e = mapper.map(Fixtures.item(15, "2026-11-20T10:00:00-08:00",
                "<subject>Ann</subject> <predicate>viewed</predicate> the <object>"
                        + "<a href=\"/workspaces/4137/files/16?v=2\">a.png</a></object>")).event();

        assertEquals(new ObjectRef("file", "16", "a.png", WEB + "/workspaces/4137/files/16?v=2"), e.object());
    }

    @Test
    void aDetailOutsideTheGrammarIsStoredAsOtherWithItsTextAndTheReason() {
        JsonNode item = Fixtures.item(16, "2026-11-20T10:00:00-08:00",
                "<div>Ann <em>did</em> something &amp; more</div><<>>");
        Mapped mapped = mapper.map(item);

        assertEquals(EventType.OTHER, mapped.event().type());
        assertNull(mapped.event().sourceType());
        assertEquals("Ann did something & more <<>>", mapped.event().summary());
        assertEquals(Instant.parse("2026-11-20T18:00:00Z"), mapped.event().occurredAt());
        assertEquals(new Actor("481", null, null), mapped.event().actor());
        assertTrue(mapped.problem().eventStored());
        assertTrue(mapped.problem().reason().contains("no <predicate>"), mapped.problem().reason());
        assertEquals(item.toString(), mapped.problem().raw());
    }

    @Test
    void unbalancedMarkupDegradesToOtherAndKeepsWhatCanBeRead() {
        JsonNode item = Fixtures.item(19, "2026-11-20T10:00:00-08:00",
                "<subject>Ann &amp; Bo<predicate>viewed</subject> the <object><a href=\"/workspaces/4137/files/");
        Mapped mapped = mapper.map(item);

        SourceEvent e = mapped.event();
        assertEquals("19", e.key());
        assertEquals(EventType.OTHER, e.type());
        assertEquals("viewed", e.sourceType());
        assertEquals(new Actor("481", "Ann & Bo", null), e.actor());
        assertEquals(Instant.parse("2026-11-20T18:00:00Z"), e.occurredAt());
        assertFalse(e.summary().contains("<"), e.summary());
        String reason = mapped.problem().reason();
        assertTrue(mapped.problem().eventStored());
        assertTrue(reason.contains("<predicate> inside <subject>"), reason);
        assertTrue(reason.contains("unbalanced <object>"), reason);
        assertTrue(reason.contains("stored as type other"), reason);
    }

    @Test
    void aDetailWithoutSubjectIsOtherEvenWithAKnownVerb() {
        Mapped mapped = mapper.map(Fixtures.item(20, "2026-11-20T10:00:00-08:00",
                "Someone <predicate>deleted</predicate> the <object>report.pdf File</object>"));

        assertEquals(EventType.OTHER, mapped.event().type());
        assertEquals("deleted", mapped.event().sourceType());
        assertEquals(new ObjectRef("file", null, "report.pdf", null), mapped.event().object());
        assertTrue(mapped.problem().reason().contains("no <subject>"), mapped.problem().reason());
    }

    @Test
    void aMissingDetailStillStoresTheEvent() {
        JsonNode item = Fixtures.json("{\"event\":{\"id\":17,\"updated_at\":\"2026-11-20T10:00:00-08:00\","
                + "\"workspace_id\":4137,\"user_id\":481}}");
        Mapped mapped = mapper.map(item);

        assertEquals("17", mapped.event().key());
        assertEquals(EventType.OTHER, mapped.event().type());
        assertEquals("Onehub event 17 (no detail)", mapped.event().summary());
        assertTrue(mapped.problem().eventStored());
        assertTrue(mapped.problem().reason().contains("missing"), mapped.problem().reason());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"something\":1}                                              | no \"event\" object",
            "{\"event\":{\"updated_at\":\"2026-11-20T10:00:00Z\"}}          | no numeric \"id\"",
            "{\"event\":{\"id\":\"abc\",\"updated_at\":\"2026-11-20T10:00:00Z\"}} | no numeric \"id\"",
            "{\"event\":{\"id\":18}}                                        | event 18 has no readable \"updated_at\"",
            "{\"event\":{\"id\":18,\"updated_at\":\"yesterday\"}}           | event 18 has no readable \"updated_at\""})
    void aRecordWithoutIdOrTimeIsSetAsideWithItsReason(String raw, String reason) {
        Mapped mapped = mapper.map(Fixtures.json(raw));

        assertNull(mapped.event());
        assertFalse(mapped.problem().eventStored());
        assertTrue(mapped.problem().reason().contains(reason), mapped.problem().reason());
        assertEquals(Fixtures.json(raw).toString(), mapped.problem().raw());
    }

    @ParameterizedTest
    @CsvSource({
            "2026-11-20T10:00:00-08:00, 2026-11-20T18:00:00Z",
            "2026-11-20T18:00:00Z, 2026-11-20T18:00:00Z",
            "2026-11-20T18:00:00.250+00:00, 2026-11-20T18:00:00.250Z",
            // no offset: the configured zone (Los Angeles, -08:00 in November)
            "2026-11-20T10:00:00, 2026-11-20T18:00:00Z",
            "'Fri, 20 Nov 2026 10:00:00 -0800', 2026-11-20T18:00:00Z"})
    void updatedAtBecomesUtc(String updatedAt, String utc) {
        assertEquals(Instant.parse(utc), mapper.instant(updatedAt).orElseThrow());
    }
}
