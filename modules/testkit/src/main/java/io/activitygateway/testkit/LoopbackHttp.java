package io.activitygateway.testkit;

import io.activitygateway.spi.AuthenticationException;
import io.activitygateway.spi.SourceClock;
import io.activitygateway.spi.SourceException;
import io.activitygateway.spi.SourceHttp;
import io.activitygateway.spi.SourceRequest;
import io.activitygateway.spi.SourceResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A plain {@link SourceHttp} for adapter tests: the same contract as the gateway's client (2xx returned,
 * 401/403 as {@link AuthenticationException}, anything else as {@link SourceException} with status and
 * {@code Retry-After}) but no retries, so a test sees every fault the sandbox injects. Records what it sent.
 */
public final class LoopbackHttp implements SourceHttp {

    private final URI baseUrl;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<URI> sent = Collections.synchronizedList(new ArrayList<>());
    private volatile Duration timeout = Duration.ofSeconds(10);
    private volatile SourceClock clock;

    public LoopbackHttp(URI baseUrl) {
        this.baseUrl = baseUrl;
    }

    public LoopbackHttp timeout(Duration requestTimeout) {
        this.timeout = requestTimeout;
        return this;
    }

    /** Measures the source's clock from every response's {@code Date}, as the gateway's client does. */
    public LoopbackHttp measuring(SourceClock sourceClock) {
        this.clock = sourceClock;
        return this;
    }

    /** Every URI sent so far, in order. */
    public List<URI> sent() {
        synchronized (sent) {
            return List.copyOf(sent);
        }
    }

    @Override
    public SourceResponse send(SourceRequest request) throws SourceException {
        URI uri = request.resolve(baseUrl);
        sent.add(uri);
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout).GET();
        request.headers().forEach(builder::header);
        java.time.Instant sentAt = clock == null ? null : clock.ours();
        HttpResponse<byte[]> response;
        try {
            response = client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new SourceException("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceException("interrupted", e);
        }
        Map<String, List<String>> headers = new TreeMap<>();
        response.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
        SourceResponse result = new SourceResponse(response.statusCode(), headers, response.body());
        if (clock != null) {
            clock.observe(result, sentAt);
        }
        int status = result.status();
        if (status >= 200 && status < 300) {
            return result;
        }
        String snippet = result.text().length() > 300 ? result.text().substring(0, 300) : result.text();
        if (status == 401 || status == 403) {
            throw new AuthenticationException("HTTP " + status + ": " + snippet, status);
        }
        Duration retryAfter = result.header("Retry-After").flatMap(LoopbackHttp::seconds).orElse(null);
        throw new SourceException("HTTP " + status + ": " + snippet, status, retryAfter, null);
    }

    private static java.util.Optional<Duration> seconds(String value) {
        try {
            return java.util.Optional.of(Duration.ofSeconds(Long.parseLong(value.strip())));
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }
}
