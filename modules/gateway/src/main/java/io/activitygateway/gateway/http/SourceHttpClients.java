package io.activitygateway.gateway.http;

import io.activitygateway.gateway.config.GatewayConfig;
import io.activitygateway.spi.ConnectionSettings;
import io.activitygateway.spi.Secret;
import io.activitygateway.spi.SourceClock;
import io.activitygateway.spi.SourceHttp;
import jakarta.enterprise.context.ApplicationScoped;
import io.activitygateway.gateway.lease.InstanceLeases;
import jakarta.inject.Inject;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Makes the {@link SourceHttp} of each connection; all share one JDK client and its connection pool. */
@ApplicationScoped
public class SourceHttpClients {

    private final GatewayConfig.Http config;
    private final Clock clock;
    private final HttpClient client;
    private final String userAgent;

    @Inject
    public SourceHttpClients(GatewayConfig config, Clock clock, InstanceLeases leases) {
        this.userAgent = "activity-gateway (instance " + leases.instance() + ")";
        this.config = config.http();
        this.clock = clock;
        this.client = HttpClient.newBuilder()
                .connectTimeout(this.config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /**
     * A client that measures the source's clock into {@code sourceClock} from every response's {@code Date}, and
     * tells {@code observer} of every request, for the connection's metrics.
     */
    public SourceHttp forConnection(ConnectionSettings settings, SourceClock sourceClock, RequestObserver observer) {
        return new ConnectionHttp(settings.connection(), settings.baseUrl(), client, config,
                redactorFor(settings), clock, sourceClock, observer, userAgent);
    }

    public static Redactor redactorFor(ConnectionSettings settings) {
        List<Secret> secrets = new ArrayList<>();
        settings.token().ifPresent(secrets::add);
        settings.apiKey().ifPresent(secrets::add);
        return new Redactor(secrets);
    }
}
