package io.activitygateway.gateway.api;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The gateway's entry point. Turns off Quarkus's bare-400 URI check before Quarkus reads it, so that
 * {@link RequestGuard} answers malformed request targets with a problem naming what is wrong.
 */
@QuarkusMain
public class GatewayMain {

    public static void main(String... args) {
        if (System.getProperty("vertx.disableURIValidation") == null) {
            System.setProperty("vertx.disableURIValidation", "true");
        }
        Quarkus.run(args);
    }
}
