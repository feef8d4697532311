package io.activitygateway.sink.webhook;

import io.activitygateway.sink.Sink;
import io.activitygateway.sink.SinkKind;
import io.activitygateway.sink.SinkSettings;
import io.activitygateway.spi.InvalidSettingException;
import io.activitygateway.spi.Secret;
import io.activitygateway.spi.SettingDescriptor;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;

/** {@code kind=webhook}: signed HTTP POSTs (Standard Webhooks) in the CloudEvents HTTP binding. */
public class WebhookKind implements SinkKind {

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public List<SettingDescriptor> settings() {
        return List.of(
                SettingDescriptor.required("url", "the http(s) endpoint the messages are POSTed to"),
                SettingDescriptor.optional("secret", "the signing secret, whsec_<base64 key> (or secret-file)"),
                SettingDescriptor.optional("secret-file", "a file holding the signing secret"),
                SettingDescriptor.optional("batch-size", "events per message (default 1); above 1 every message is"
                        + " a CloudEvents batch"),
                SettingDescriptor.optional("content-mode", "for one event per message: binary (ce-* headers, the"
                        + " default) or structured"),
                SettingDescriptor.optional("connect-timeout", "default 5s"),
                SettingDescriptor.optional("request-timeout", "the longest one POST may take, default 10s"));
    }

    @Override
    public boolean secret(String key) {
        return key.equals("secret");
    }

    /** Eight attempts with the default backoff span about two minutes before a message is parked. */
    @Override
    public int defaultMaxAttempts() {
        return 8;
    }

    @Override
    public Sink create(SinkSettings s) throws InvalidSettingException {
        URI url = url(s, s.require("url", "the endpoint"));
        Secret raw = s.secretOption("secret").orElseThrow(() -> new InvalidSettingException(s.key("secret"),
                "is required for kind webhook (set it, or secret-file): whsec_ and the base64 key"));
        WebhookSecret secret;
        try {
            secret = WebhookSecret.parse(raw);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(s.key(s.option("secret").isPresent() ? "secret" : "secret-file"),
                    e.getMessage());
        }
        int batchSize = s.intOption("batch-size", 1, 1, 1000);
        String contentMode = s.choiceOption("content-mode", "binary", "binary", "structured");
        if (batchSize > 1 && s.option("content-mode").isPresent()) {
            throw new InvalidSettingException(s.key("content-mode"), "applies to one event per message only;"
                    + " with batch-size above 1 every message is a CloudEvents batch");
        }
        WebhookMessage.Mode mode = batchSize > 1 ? WebhookMessage.Mode.BATCH
                : contentMode.equals("structured") ? WebhookMessage.Mode.STRUCTURED : WebhookMessage.Mode.BINARY;
        Duration connect = s.durationOption("connect-timeout", Duration.ofSeconds(5));
        Duration request = s.durationOption("request-timeout", Duration.ofSeconds(10));
        return new WebhookSink(url, secret, batchSize, mode, connect, request, s.clock());
    }

    private static URI url(SinkSettings s, String text) throws InvalidSettingException {
        try {
            URI uri = new URI(text);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new InvalidSettingException(s.key("url"), "'" + text + "' is not an absolute http(s) URL");
            }
            if (uri.getUserInfo() != null) {
                throw new InvalidSettingException(s.key("url"), "must not carry credentials; the messages are"
                        + " signed with secret");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new InvalidSettingException(s.key("url"), "'" + text + "' is not a URL (" + e.getReason() + ")");
        }
    }
}
