package io.activitygateway.demo;

import io.activitygateway.sandbox.webhook.WebhookReceiver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;

/**
 * The demo's webhook endpoint: the sandbox's receiver, in this process, which verifies each message's signature, so
 * the demo shows the webhook sink end to end. Started once per process, like {@link DemoSandbox}.
 */
public final class DemoWebhookReceiver {

    private static WebhookReceiver receiver;
    private static String secret;

    private DemoWebhookReceiver() {
    }

    static synchronized WebhookReceiver start() {
        if (receiver == null) {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            secret = "whsec_" + Base64.getEncoder().encodeToString(key);
            try {
                receiver = WebhookReceiver.start(0, secret, Clock.systemUTC());
            } catch (IOException e) {
                throw new UncheckedIOException("the demo's webhook receiver could not start", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(receiver::close, "demo-webhook-shutdown"));
        }
        return receiver;
    }

    static synchronized String secret() {
        return secret;
    }

    public static synchronized Optional<WebhookReceiver> running() {
        return Optional.ofNullable(receiver);
    }
}
