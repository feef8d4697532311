package io.activitygateway.sink.webhook;

import io.activitygateway.sink.Delivery;
import io.activitygateway.sink.OutboundEvent;
import io.activitygateway.sink.Sink;
import io.activitygateway.spi.RetryAfter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * POSTs each batch as one signed message and takes a 2xx answer as the acknowledgement of all its events. Anything
 * else fails the whole message, with the status and any Retry-After for the gateway's retry.
 */
final class WebhookSink implements Sink {

    private final URI url;
    private final WebhookSecret secret;
    private final int batchSize;
    private final WebhookMessage.Mode mode;
    private final Duration requestTimeout;
    private final Clock clock;
    private final HttpClient client;

    WebhookSink(URI url, WebhookSecret secret, int batchSize, WebhookMessage.Mode mode, Duration connectTimeout,
            Duration requestTimeout, Clock clock) {
        this.url = url;
        this.secret = secret;
        this.batchSize = batchSize;
        this.mode = mode;
        this.requestTimeout = requestTimeout;
        this.clock = clock;
        this.client = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public int batchSize() {
        return batchSize;
    }

    @Override
    public String target() {
        return "POST " + url;
    }

    @Override
    public Delivery deliver(List<OutboundEvent> batch) throws InterruptedException {
        WebhookMessage message = WebhookMessage.of(batch, mode);
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(requestTimeout)
                .header("Content-Type", message.contentType())
                .header("webhook-id", message.id())
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", secret.sign(message.id(), timestamp, message.body()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(message.body()));
        for (Map.Entry<String, String> h : message.headers().entrySet()) {
            request.header(h.getKey(), h.getValue());
        }
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Delivery.partial(0, Delivery.Failure.of("POST " + url + " failed: " + e));
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return Delivery.all(batch.size());
        }
        String body = response.body() == null ? "" : response.body().strip();
        if (body.length() > 200) {
            body = body.substring(0, 200) + "…";
        }
        Optional<Duration> retryAfter = RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null),
                clock.instant());
        return Delivery.partial(0, new Delivery.Failure("HTTP " + status + (body.isEmpty() ? "" : ": " + body),
                OptionalInt.of(status), retryAfter));
    }

    @Override
    public void close() {
        // The JDK client has no close on Java 17; its threads are daemons and end with the gateway.
    }
}
