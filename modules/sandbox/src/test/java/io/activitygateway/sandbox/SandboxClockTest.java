package io.activitygateway.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.activitygateway.sandbox.http.Traffic;
import io.activitygateway.sandbox.kantata.SubjectType;
import io.activitygateway.sandbox.truth.TruthEntry;
import io.activitygateway.testkit.SettableClock;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

/** The vendors' clock: a settable offset, sent as every response's Date; Kantata's stall; the traffic counts. */
class SandboxClockTest {

    private static final Instant T0 = Instant.parse("2024-06-03T12:00:00Z");
    private final SettableClock clock = new SettableClock(T0);

    private static Instant date(Http.Response response) {
        return ZonedDateTime.parse(response.headers().firstValue("date").orElseThrow(),
                DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    }

    @Test
    void everyResponseCarriesTheSandboxClockWithItsOffsetAsDate() {
        try (Sandbox sandbox = Sandbox.builder().clock(clock).clockOffset(Duration.ofMinutes(-20)).start()) {
            Http.Response kantata = Http.get(sandbox.kantataBaseUrl() + "/subscribed_events", "kantata-admin-token");
            assertEquals(200, kantata.status());
            assertEquals(T0.minus(Duration.ofMinutes(20)), date(kantata));
            Http.Response refused = Http.get(sandbox.onehubBaseUrl() + "/activity/", "not-a-token");
            assertEquals(401, refused.status());
            assertEquals(T0.minus(Duration.ofMinutes(20)), date(refused), "errors too");

            Http.Response set = Http.post(sandbox.controlUrl() + "clock?offset=PT20M", null);
            assertEquals("PT20M", set.json().path("offset").asText());
            clock.advance(Duration.ofSeconds(90));
            assertEquals(T0.plus(Duration.ofMinutes(20)).plusSeconds(90),
                    date(Http.get(sandbox.controlUrl() + "status")));
            assertEquals(T0.plus(Duration.ofMinutes(20)).plusSeconds(90), sandbox.clock().instant());
        }
    }

    @Test
    void theVendorsStampAndFilterByTheirOwnClock() {
        try (Sandbox sandbox = Sandbox.builder().clock(clock).clockOffset(Duration.ofMinutes(20)).apis(Api.ONEHUB)
                .start()) {
            TruthEntry e = sandbox.onehub().inject(io.activitygateway.sandbox.onehub.Verb.READ).emit();
            assertEquals(T0.plus(Duration.ofMinutes(20)), e.happenedAt());
        }
    }

    @Test
    void aKantataStallHoldsEventsBackUntilTheFlushWithTheirOriginalCreatedAt() {
        try (Sandbox sandbox = Sandbox.builder().clock(clock).apis(Api.KANTATA)
                .kantata(k -> k.lateness(false).duplicates(false)).start()) {
            long entry = sandbox.kantata().subjectIds(SubjectType.TIME_ENTRY).get(0);
            Http.post(sandbox.controlUrl() + "settings/kantata?stalled=true", null);
            TruthEntry held = sandbox.kantata().inject("time_entry:updated").subject("TimeEntry", entry)
                    .changedAt(T0.plusSeconds(20)).createdAt(T0.plusSeconds(30)).change("notes", "a", "b").emit();
            clock.advance(Duration.ofHours(2));
            String url = sandbox.kantataBaseUrl() + "/subscribed_events";
            assertEquals(0, Http.get(url, "kantata-admin-token").json().path("count").asInt(), "held back");
            Http.post(sandbox.controlUrl() + "settings/kantata?stalled=false", null);
            var flushed = Http.get(url, "kantata-admin-token").json();
            assertEquals(1, flushed.path("count").asInt());
            assertEquals("2024-06-03T12:00:30Z", flushed.path("subscribed_events")
                    .path(held.upstreamIds().get(0)).path("created_at").asText(), "its original created_at");
        }
    }

    @Test
    void trafficCountsRequestsAndRecordsPerApi() {
        try (Sandbox sandbox = Sandbox.builder().clock(clock).apis(Api.KANTATA, Api.ONEHUB).start()) {
            sandbox.generator().generate(50, Duration.ofHours(1));
            clock.advance(Duration.ofMinutes(11));
            Traffic.Snapshot before = sandbox.traffic(Api.KANTATA).snapshot();
            int count = Http.get(sandbox.kantataBaseUrl() + "/subscribed_events?per_page=10", "kantata-admin-token")
                    .json().path("results").size();
            Http.get(sandbox.kantataBaseUrl() + "/subscribed_events", "wrong-token");
            Traffic.Snapshot served = sandbox.traffic(Api.KANTATA).snapshot().minus(before);
            assertEquals(2, served.requests());
            assertEquals(count, served.records());
            assertEquals(0, sandbox.traffic(Api.ONEHUB).requests(), "per API");
            assertTrue(Http.get(sandbox.controlUrl() + "status").json().path("apis").path("kantata")
                    .path("requests_served").asLong() >= 2);
        }
    }

    @Test
    void theServerKeepsConnectionsAliveAndAnswersAPlainHttp10Request() throws Exception {
        try (Sandbox sandbox = Sandbox.builder().clock(clock).apis(Api.KANTATA).start();
                Socket socket = new Socket("127.0.0.1", sandbox.port())) {
            OutputStream out = socket.getOutputStream();
            String request = "GET /_sandbox/status HTTP/1.1\r\nHost: x\r\n\r\n";
            out.write((request + request.replace("HTTP/1.1", "HTTP/1.0")).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String both = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            assertEquals(2, both.split("HTTP/1.1 200 OK", -1).length - 1, both);
            assertTrue(both.contains("Connection: close"), "the 1.0 request closes the connection");
        }
    }
}
