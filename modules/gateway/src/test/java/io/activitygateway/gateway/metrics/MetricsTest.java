package io.activitygateway.gateway.metrics;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.activitygateway.gateway.api.Polls;
import io.activitygateway.gateway.deploy.RepoFiles;
import io.activitygateway.gateway.scripted.ScriptedSources;
import io.activitygateway.gateway.scripted.ScriptedUpstream;
import io.activitygateway.gateway.scripted.ScriptedUpstream.Fault;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Prometheus metrics on the management interface move with what the gateway does, tagged by connection. */
@QuarkusTest
@QuarkusTestResource(value = ScriptedSources.class, restrictToAnnotatedClass = false)
class MetricsTest {

    @TestHTTPResource(value = "metrics", management = true)
    URL metrics;

    private final ScriptedUpstream upstream = ScriptedUpstream.shared();

    private PrometheusText scrape() {
        String text = given().get(metrics).then().statusCode(200).extract().asString();
        assertFalse(text.contains(ScriptedUpstream.TOKEN), "no credential in the metrics");
        return new PrometheusText(text);
    }

    @Test
    void aSuccessfulPollCountsThePollTheEventsTheRequestsAndTheCommit() {
        upstream.reset("alpha");
        Instant newest = Instant.now().minus(Duration.ofMinutes(10));
        upstream.add("alpha", "m-1", "created", newest.minusSeconds(60).toString(), "u1", "doc-1");
        upstream.add("alpha", "m-2", "updated", newest.toString(), "u1", "doc-1");
        PrometheusText before = scrape();
        Map<String, String> alpha = Map.of("connection", "alpha", "kind", "scripted");

        Polls.pollAndWait("alpha");
        PrometheusText after = scrape();

        assertEquals(1, delta(before, after, "gateway_source_polls_total", with(alpha, "outcome", "succeeded")));
        assertEquals(2, delta(before, after, "gateway_source_events_stored_total", alpha));
        assertTrue(delta(before, after, "gateway_upstream_requests_seconds_count", with(alpha, "status", "2xx")) >= 1);
        assertTrue(delta(before, after, "gateway_store_commits_seconds_count", Map.of("outcome", "success")) >= 1);
        assertTrue(delta(before, after, "gateway_store_batch_events_count", Map.of()) >= 1);
        assertEquals(0, after.sum("gateway_source_consecutive_failures", alpha));
        double lag = after.sum("gateway_source_lag_seconds", alpha);
        assertTrue(lag >= 590 && lag < 3600, "lag is now minus the newest occurredAt (10 min ago): " + lag);
        double age = after.sum("gateway_source_checkpoint_age_seconds", alpha);
        assertTrue(age >= 0 && age < 60, "the checkpoint was just stored: " + age);

        // Read again: the same events are duplicates now, not stored again.
        Polls.pollAndWait("alpha");
        PrometheusText again = scrape();
        assertEquals(0, delta(after, again, "gateway_source_events_stored_total", alpha));
    }

    @Test
    void failedPollsAreCountedByCause() {
        Map<String, String> beta = Map.of("connection", "beta");
        upstream.reset("beta");
        upstream.fail("beta", Fault.status(503), Fault.status(503), Fault.status(503));
        PrometheusText before = scrape();

        Polls.pollAndWait("beta");
        PrometheusText after = scrape();

        assertEquals(1, delta(before, after, "gateway_source_polls_total", with(beta, "outcome", "failed")));
        assertEquals(1, delta(before, after, "gateway_source_poll_failures_total", with(beta, "cause",
                "upstream_error")));
        assertEquals(upstream.requests("beta").size(),
                delta(before, after, "gateway_upstream_requests_seconds_count", with(beta, "status", "5xx")),
                "every request, retries included");
        assertTrue(after.sum("gateway_source_consecutive_failures", beta) >= 1);
        Polls.pollAndWait("beta");
        assertEquals(0, scrape().sum("gateway_source_consecutive_failures", beta), "back to 0 after a success");
    }

    @Test
    void refusedCredentialsAndRateLimitsHaveTheirOwnCause() {
        PrometheusText before = scrape();
        Polls.pollAndWait("delta");
        upstream.reset("alpha");
        upstream.fail("alpha", Fault.retryAfter(429, "120"));
        Polls.pollAndWait("alpha");
        PrometheusText after = scrape();

        assertEquals(1, delta(before, after, "gateway_source_poll_failures_total", Map.of("connection", "delta",
                "cause", "credentials")));
        assertEquals(1, delta(before, after, "gateway_source_polls_total", Map.of("connection", "delta",
                "outcome", "halted")));
        assertEquals(1, delta(before, after, "gateway_source_poll_failures_total", Map.of("connection", "alpha",
                "cause", "rate_limited")));
        assertEquals(1, delta(before, after, "gateway_upstream_requests_seconds_count", Map.of("connection", "alpha",
                "status", "429")));
        Polls.pollAndWait("alpha");
    }

    @Test
    void theFeedAndTheStoreAreExposed() {
        PrometheusText now = scrape();
        for (String name : new String[] { "gateway_feed_streams_open", "gateway_feed_events_delivered_total",
                "gateway_feed_replay_pages_total", "gateway_feed_backpressure_total",
                "gateway_feed_streams_dropped_total", "gateway_source_record_problems", "gateway_source_gaps_total",
                "gateway_source_events_duplicates_total", "jvm_memory_used_bytes",
                "http_server_requests_seconds_count" }) {
            assertTrue(now.has(name), name + " is exposed; have " + now.names());
        }
    }

    @Test
    void theAlertRulesUseOnlyMetricsTheGatewayExposes() {
        Polls.pollAndWait("alpha");
        Polls.pollAndWait("delta");
        PrometheusText now = scrape();
        String rules = RepoFiles.read("deploy/prometheus/alerts.yaml");
        java.util.regex.Matcher names = java.util.regex.Pattern.compile("\\b((?:gateway|jvm|http_server)_[a-z_]+)\\b")
                .matcher(rules);
        int checked = 0;
        while (names.find()) {
            assertTrue(now.has(names.group(1)), "deploy/prometheus/alerts.yaml uses " + names.group(1)
                    + ", which the gateway does not expose");
            checked++;
        }
        assertTrue(checked >= 10, checked + " metric names in the rules");
    }

    private static Map<String, String> with(Map<String, String> labels, String key, String value) {
        java.util.Map<String, String> all = new java.util.HashMap<>(labels);
        all.put(key, value);
        return all;
    }

    private static double delta(PrometheusText before, PrometheusText after, String name, Map<String, String> labels) {
        return after.sum(name, labels) - before.sum(name, labels);
    }
}
