package io.activitygateway.sandbox.http;

import io.activitygateway.sandbox.fault.Fault;
import io.activitygateway.sandbox.fault.FaultPlan;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Serves one API under its URL prefix, applying that API's fault plan around each request and counting them. */
public final class FaultingHandler implements LoopbackServer.Context {

    private static final byte[] MAINTENANCE_PAGE = ("<!DOCTYPE html>\n<html><head><title>We'll be right back</title></head>"
            + "<body><h1>Down for maintenance</h1><p>Please try again in a few minutes.</p></body></html>\n")
            .getBytes(StandardCharsets.UTF_8);

    private final String prefix;
    private final ApiHandler api;
    private final FaultPlan faults;
    private final Traffic traffic;

    /** {@code faults} and {@code traffic} may be null for endpoints that never misbehave (the control API). */
    public FaultingHandler(String prefix, ApiHandler api, FaultPlan faults, Traffic traffic) {
        this.prefix = prefix;
        this.api = api;
        this.faults = faults;
        this.traffic = traffic;
    }

    @Override
    public LoopbackServer.Delivery serve(Request request) {
        if (traffic == null) {
            return serveCounted(request);
        }
        traffic.request();
        String client = request.header("User-Agent").orElse("unknown");
        traffic.started(client);
        try {
            return serveCounted(request);
        } finally {
            traffic.ended(client);
        }
    }

    private LoopbackServer.Delivery serveCounted(Request request) {
        Fault fault = faults == null ? null : faults.take();
        Reply reply;
        if (fault != null && fault.kind() == Fault.Kind.STATUS) {
            reply = api.faultReply(fault.status(), fault.retryAfter());
        } else {
            if (fault != null && fault.kind() == Fault.Kind.DELAY && !sleep(fault)) {
                return null;
            }
            reply = answer(request);
            if (fault != null && fault.kind() == Fault.Kind.NOT_JSON) {
                reply = new Reply(200, Reply.HTML, Map.of(), MAINTENANCE_PAGE);
            }
        }
        return new LoopbackServer.Delivery(reply, fault != null && fault.kind() == Fault.Kind.TRUNCATED);
    }

    private Reply answer(Request request) {
        try {
            return api.handle(request);
        } catch (RuntimeException e) {
            // A simulator bug must show up as a 500 the test can see, not as a silently dropped connection.
            System.err.println("sandbox: " + prefix + " failed on " + request.path() + "?" + request.rawQuery() + ": " + e);
            e.printStackTrace();
            return api.faultReply(500, null);
        }
    }

    private static boolean sleep(Fault fault) {
        try {
            Thread.sleep(fault.delay().toMillis());
            return true;
        } catch (InterruptedException e) {
            // The sandbox is closing: drop the request as a dead server would.
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
