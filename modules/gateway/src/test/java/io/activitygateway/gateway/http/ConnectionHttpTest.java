package io.activitygateway.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.activitygateway.gateway.config.GatewayConfig;
import io.activitygateway.gateway.scripted.ScriptedSources;
import io.activitygateway.gateway.scripted.ScriptedUpstream;
import io.activitygateway.gateway.scripted.ScriptedUpstream.Fault;
import io.activitygateway.spi.AuthenticationException;
import io.activitygateway.sandbox.Sandbox;
import io.activitygateway.spi.Secret;
import io.activitygateway.spi.SourceClock;
import io.activitygateway.spi.SourceException;
import io.activitygateway.spi.SourceRequest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The per-connection HTTP client against a real loopback server scripted to fail in each way a source can. */
@QuarkusTest
@QuarkusTestResource(value = ScriptedSources.class, restrictToAnnotatedClass = false)
class ConnectionHttpTest {

    private static final AtomicInteger FEEDS = new AtomicInteger();
    private final ScriptedUpstream upstream = ScriptedUpstream.shared();
    private final HttpClient jdk = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    record Http(Duration connectTimeout, Duration requestTimeout, int maxRetries, Duration retryInitialDelay,
            Duration retryMaxDelay, CircuitBreaker circuitBreaker) implements GatewayConfig.Http {
    }

    record CircuitBreaker(int requestVolume, double failureRatio, Duration delay)
            implements GatewayConfig.Http.CircuitBreaker {
    }

    private static Http config(int requestVolume) {
        return new Http(Duration.ofSeconds(2), Duration.ofMillis(800), 2, Duration.ofMillis(10),
                Duration.ofSeconds(2), new CircuitBreaker(requestVolume, 0.5, Duration.ofMinutes(5)));
    }

    private String feed() {
        return "http-" + FEEDS.incrementAndGet();
    }

    private ConnectionHttp client(String feed, Http config) {
        return new ConnectionHttp(feed, upstream.baseUrl(feed), jdk, config,
                new Redactor(List.of(new Secret(ScriptedUpstream.TOKEN))), Clock.systemUTC(),
                new SourceClock(Clock.systemUTC()));
    }

    private static SourceRequest records() {
        return SourceRequest.get("records").param("after", 0).bearer(new Secret(ScriptedUpstream.TOKEN)).build();
    }

    @Test
    void everyResponseMeasuresTheSourcesClockFromItsDateHeader() throws Exception {
        try (Sandbox vendor = Sandbox.builder().clockOffset(Duration.ofMinutes(-20)).start()) {
            SourceClock sourceClock = new SourceClock(Clock.systemUTC());
            ConnectionHttp http = new ConnectionHttp("clock", java.net.URI.create(vendor.kantataBaseUrl()), jdk,
                    config(1000), new Redactor(List.of()), Clock.systemUTC(), sourceClock);
            assertEquals(Duration.ZERO, sourceClock.offset(), "nothing measured yet");
            // even a refused request carries the vendor's Date
            assertThrows(AuthenticationException.class, () -> http.send(SourceRequest.get("subscribed_events").build()));
            Duration offset = sourceClock.offset();
            assertTrue(offset.compareTo(Duration.ofMinutes(-20).minusSeconds(2)) >= 0
                    && offset.compareTo(Duration.ofMinutes(-20)) <= 0, offset.toString());
            Duration behind = Duration.between(sourceClock.instant(), Clock.systemUTC().instant());
            assertTrue(behind.compareTo(Duration.ofMinutes(19)) > 0, "the adapter's now is the vendor's: " + behind);
        }
    }

    @Test
    void transientFailuresAreRetriedUntilTheySucceed() throws Exception {
        String feed = feed();
        upstream.fail(feed, Fault.status(503), Fault.status(502));
        assertEquals(200, client(feed, config(1000)).send(records()).status());
        assertEquals(3, upstream.requests(feed).size());
    }

    @Test
    void retriesAreBoundedAndTheLastStatusIsReported() {
        String feed = feed();
        upstream.fail(feed, Fault.status(500), Fault.status(500), Fault.status(500), Fault.status(500));
        SourceException e = assertThrows(SourceException.class, () -> client(feed, config(1000)).send(records()));
        assertEquals(500, e.httpStatus().getAsInt());
        assertEquals(3, upstream.requests(feed).size(), "one try and two retries");
    }

    @Test
    void refusedCredentialsAreNotRetried() {
        String feed = feed();
        upstream.fail(feed, Fault.status(403));
        AuthenticationException e = assertThrows(AuthenticationException.class,
                () -> client(feed, config(1000)).send(records()));
        assertEquals(403, e.httpStatus().getAsInt());
        assertEquals(1, upstream.requests(feed).size());
    }

    @Test
    void aLongRetryAfterEndsTheRequestAndIsPassedOn() {
        String feed = feed();
        upstream.fail(feed, Fault.retryAfter(429, "120"));
        SourceException e = assertThrows(SourceException.class, () -> client(feed, config(1000)).send(records()));
        assertEquals(429, e.httpStatus().getAsInt());
        assertEquals(Duration.ofSeconds(120), e.retryAfter().orElseThrow());
        assertEquals(1, upstream.requests(feed).size(), "no thread sleeps two minutes inside a poll");
    }

    @Test
    void aRetryAfterAsAnHttpDateIsUnderstood() {
        String feed = feed();
        String inTenMinutes = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)
                .plusMinutes(10));
        upstream.fail(feed, Fault.retryAfter(503, inTenMinutes));
        SourceException e = assertThrows(SourceException.class, () -> client(feed, config(1000)).send(records()));
        long seconds = e.retryAfter().orElseThrow().toSeconds();
        assertTrue(seconds > 500 && seconds <= 600, "about ten minutes: " + seconds);
    }

    @Test
    void aSlowResponseTimesOutAndIsRetried() throws Exception {
        String feed = feed();
        upstream.fail(feed, Fault.delay(Duration.ofMillis(1500)));
        assertEquals(200, client(feed, config(1000)).send(records()).status());
        assertEquals(2, upstream.requests(feed).size());
    }

    @Test
    void secretsNeverReachTheErrorMessage() {
        String feed = feed();
        upstream.fail(feed, new Fault(400, Map.of(), "{\"echo\":\"" + ScriptedUpstream.TOKEN + "\"}", Duration.ZERO));
        SourceRequest signed = SourceRequest.get("records").param("after", 0).secretParam("hash", "d41d8cd98f00b204")
                .bearer(new Secret(ScriptedUpstream.TOKEN)).build();
        SourceException e = assertThrows(SourceException.class, () -> client(feed, config(1000)).send(signed));
        assertEquals(400, e.httpStatus().getAsInt());
        assertFalse(e.getMessage().contains(ScriptedUpstream.TOKEN), e.getMessage());
        assertFalse(e.getMessage().contains("d41d8cd98f00b204"), e.getMessage());
        assertTrue(e.getMessage().contains("hash=***"), e.getMessage());
    }

    @Test
    void theCircuitOpensWhenASourceKeepsFailing() {
        String feed = feed();
        ConnectionHttp client = client(feed, config(4));
        for (int i = 0; i < 10; i++) {
            upstream.fail(feed, Fault.status(503), Fault.status(503), Fault.status(503));
        }
        assertThrows(SourceException.class, () -> client.send(records()));
        assertThrows(SourceException.class, () -> client.send(records()));
        int before = upstream.requests(feed).size();
        SourceException open = assertThrows(SourceException.class, () -> client.send(records()));
        assertTrue(open.getMessage().contains("circuit breaker open"), open.getMessage());
        assertEquals(before, upstream.requests(feed).size(), "an open circuit sends nothing");
    }
}
