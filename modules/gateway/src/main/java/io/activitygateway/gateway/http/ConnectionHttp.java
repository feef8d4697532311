package io.activitygateway.gateway.http;

import io.activitygateway.gateway.config.GatewayConfig;
import io.activitygateway.gateway.poll.Backoff;
import io.activitygateway.spi.AuthenticationException;
import io.activitygateway.spi.RetryAfter;
import io.activitygateway.spi.SourceClock;
import io.activitygateway.spi.SourceException;
import io.activitygateway.spi.SourceHttp;
import io.activitygateway.spi.SourceRequest;
import io.activitygateway.spi.SourceResponse;
import io.smallrye.faulttolerance.api.Guard;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

/**
 * The gateway's HTTP client for one connection. Each request goes through a SmallRye Fault Tolerance guard of
 * its own: retries of 429/5xx/timeouts/I-O errors with jittered exponential backoff that honours
 * {@code Retry-After}, inside a circuit breaker that stops hammering a source that keeps failing. Everything
 * logged is redacted.
 */
final class ConnectionHttp implements SourceHttp {

    private static final Logger LOG = Logger.getLogger(ConnectionHttp.class);
    private static final Set<Integer> TRANSIENT = Set.of(408, 425, 429, 500, 502, 503, 504);
    private static final int SNIPPET = 300;

    private final String connection;
    private final URI baseUrl;
    private final HttpClient client;
    private final Duration requestTimeout;
    private final Duration retryMaxDelay;
    private final Redactor redactor;
    private final Clock clock;
    private final SourceClock sourceClock;
    private final Guard guard;
    private final RequestObserver observer;
    private final String userAgent;

    /** @param sourceClock measured from every response's {@code Date}: the source's clock, for its adapter */
    ConnectionHttp(String connection, URI baseUrl, HttpClient client, GatewayConfig.Http config, Redactor redactor,
            Clock clock, SourceClock sourceClock) {
        this(connection, baseUrl, client, config, redactor, clock, sourceClock, RequestObserver.NONE);
    }

    /** @param observer told of every request, for the connection's metrics */
    ConnectionHttp(String connection, URI baseUrl, HttpClient client, GatewayConfig.Http config, Redactor redactor,
            Clock clock, SourceClock sourceClock, RequestObserver observer) {
        this(connection, baseUrl, client, config, redactor, clock, sourceClock, observer, "activity-gateway");
    }

    /** @param userAgent names the gateway instance, so a source's logs (and the sandbox) tell instances apart */
    ConnectionHttp(String connection, URI baseUrl, HttpClient client, GatewayConfig.Http config, Redactor redactor,
            Clock clock, SourceClock sourceClock, RequestObserver observer, String userAgent) {
        this.userAgent = userAgent;
        this.observer = observer;
        this.connection = connection;
        this.baseUrl = baseUrl;
        this.client = client;
        this.requestTimeout = config.requestTimeout();
        this.retryMaxDelay = config.retryMaxDelay();
        this.redactor = redactor;
        this.clock = clock;
        this.sourceClock = sourceClock;
        Backoff backoff = new Backoff(config.retryInitialDelay(), config.retryMaxDelay());
        long worstCase = (config.requestTimeout().toMillis() + config.retryMaxDelay().toMillis())
                * (config.maxRetries() + 1L);
        this.guard = Guard.create()
                .withDescription("HTTP for source connection " + connection)
                .withRetry()
                    .maxRetries(config.maxRetries())
                    .maxDuration(worstCase + 1000, ChronoUnit.MILLIS)
                    .jitter(0, ChronoUnit.MILLIS)
                    .whenException(this::worthRetrying)
                    .withCustomBackoff()
                        .strategy(() -> new RetryDelays(backoff, () -> ThreadLocalRandom.current().nextDouble()))
                    .done()
                .done()
                .withCircuitBreaker()
                    .requestVolumeThreshold(config.circuitBreaker().requestVolume())
                    .failureRatio(config.circuitBreaker().failureRatio())
                    .delay(config.circuitBreaker().delay().toMillis(), ChronoUnit.MILLIS)
                    .when(e -> e instanceof TransientHttpFailure)
                .done()
                .build();
    }

    /** Retry transient failures, unless the server asked for a wait longer than one retry may take. */
    private boolean worthRetrying(Throwable e) {
        return e instanceof TransientHttpFailure failure
                && failure.retryAfter().map(d -> d.compareTo(retryMaxDelay) <= 0).orElse(true);
    }

    @Override
    public SourceResponse send(SourceRequest request) throws SourceException {
        String shown = redactor.redactUri(request.resolve(baseUrl).toString(), request.secretParams());
        try {
            return guard.call(() -> sendOnce(request, shown), SourceResponse.class);
        } catch (SourceException e) {
            throw e;
        } catch (TransientHttpFailure e) {
            LOG.warnf("[%s] GET %s failed, retries spent: %s", connection, shown, e.getMessage());
            throw new SourceException(e.getMessage(), e.status(), e.retryAfter().orElse(null), null);
        } catch (CircuitBreakerOpenException e) {
            throw new SourceException("circuit breaker open: the source failed too often recently; requests paused"
                    + " for a while", null, null, null);
        } catch (Exception e) {
            throw new SourceException("request failed: " + redactor.redact(String.valueOf(e)), e);
        }
    }

    private SourceResponse sendOnce(SourceRequest request, String shown) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.resolve(baseUrl))
                .timeout(requestTimeout)
                .header("Accept", "application/json")
                .header("User-Agent", userAgent)
                .GET();
        request.headers().forEach(builder::header);
        long started = System.nanoTime();
        Instant sentAt = sourceClock.ours();
        HttpResponse<byte[]> http;
        try {
            http = client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            observer.observed("timeout", System.nanoTime() - started);
            // Every failed attempt gets one line, as the transient statuses below do: retries are never silent.
            String what = "GET " + shown + " timed out after " + requestTimeout.toMillis() + " ms";
            LOG.infof("[%s] %s", connection, what);
            throw new TransientHttpFailure(what, null, null, null);
        } catch (IOException e) {
            observer.observed("io_error", System.nanoTime() - started);
            String what = "GET " + shown + " failed: " + redactor.redact(String.valueOf(e));
            LOG.infof("[%s] %s", connection, what);
            throw new TransientHttpFailure(what, null, null, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceException("interrupted while requesting " + shown, e);
        }
        long nanos = System.nanoTime() - started;
        observer.observed(RequestObserver.outcome(http.statusCode()), nanos);
        long millis = nanos / 1_000_000;
        Map<String, List<String>> headers = new TreeMap<>();
        http.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
        SourceResponse response = new SourceResponse(http.statusCode(), headers, http.body());
        sourceClock.observe(response, sentAt);
        int status = response.status();
        LOG.debugf("[%s] GET %s -> %d in %d ms (%d bytes)", connection, shown, status, millis, http.body().length);
        if (status >= 200 && status < 300) {
            return response;
        }
        String what = "GET " + shown + " answered HTTP " + status + ": " + snippet(response);
        if (status == 401 || status == 403) {
            throw new AuthenticationException(what, status);
        }
        if (TRANSIENT.contains(status)) {
            Duration retryAfter = response.header("Retry-After")
                    .flatMap(v -> RetryAfter.parse(v, clock.instant())).orElse(null);
            LOG.infof("[%s] %s%s", connection, what, retryAfter == null ? "" : " (Retry-After " + retryAfter + ")");
            throw new TransientHttpFailure(what, status, retryAfter, null);
        }
        throw new SourceException(what, status, null, null);
    }

    private String snippet(SourceResponse response) {
        String text = response.text().strip().replaceAll("\\s+", " ");
        return redactor.redact(text.length() > SNIPPET ? text.substring(0, SNIPPET) + "…" : text);
    }
}
