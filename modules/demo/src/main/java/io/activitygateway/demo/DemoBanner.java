package io.activitygateway.demo;

import io.activitygateway.sandbox.Sandbox;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Locale;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/** Says loudly, once the gateway is up, that this is the demo and where to look. */
@ApplicationScoped
public class DemoBanner {

    private static final Logger LOG = Logger.getLogger(DemoBanner.class);

    void onStart(@Observes StartupEvent started) {
        Sandbox sandbox = DemoSandbox.running().orElse(null);
        DemoSettings settings = DemoSandbox.settings().orElse(null);
        if (sandbox == null || settings == null) {
            return;
        }
        var config = ConfigProvider.getConfig();
        String host = config.getOptionalValue("quarkus.http.host", String.class).orElse("127.0.0.1");
        int port = config.getOptionalValue("quarkus.http.port", Integer.class).orElse(8080);
        String base = "http://" + (host.equals("0.0.0.0") || host.equals("127.0.0.1") ? "localhost" : host) + ":"
                + port;
        boolean open = config.getOptionalValue("gateway.auth.mode", String.class).orElse("keys")
                .equalsIgnoreCase("open");
        LOG.warn(text(base, sandbox, settings, open));
    }

    static String text(String base, Sandbox sandbox, DemoSettings settings, boolean open) {
        String line = "=".repeat(100);
        return String.format(Locale.ROOT, """

                %1$s
                  THIS IS THE DEMO (gateway.demo.enabled=true): a simulated Kantata OX, Worksection and Onehub run
                  in this process (the sandbox, seed %3$d, %4$s events/s), polled by three connections; %6$s;
                  everything is kept in memory and forgotten at exit. Not for a real deployment.

                  The activity page  %2$s/
                  The API            %2$s/api/v1/events   %2$s/api/v1/sources
                  Swagger UI         %2$s/q/swagger-ui
                  The sandbox        %5$s   (inject faults: docs/sandbox.md)
                  Webhook sink       %2$s/api/v1/sinks/demo-webhook   received: %7$s
                %1$s""", line, base, settings.seed(), settings.rate(), sandbox.controlUrl(),
                open ? "no access control" : "access control on (API keys)",
                DemoWebhookReceiver.running().map(r -> "http://localhost:" + r.port() + "/_deliveries")
                        .orElse("-"));
    }
}
