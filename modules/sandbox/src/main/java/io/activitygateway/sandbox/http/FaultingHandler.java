package io.activitygateway.sandbox.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.activitygateway.sandbox.fault.Fault;
import io.activitygateway.sandbox.fault.FaultPlan;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Serves one API under its URL prefix, applying that API's fault plan around each request. */
public final class FaultingHandler implements HttpHandler {

    private static final byte[] MAINTENANCE_PAGE = ("<!DOCTYPE html>\n<html><head><title>We'll be right back</title></head>"
            + "<body><h1>Down for maintenance</h1><p>Please try again in a few minutes.</p></body></html>\n")
            .getBytes(StandardCharsets.UTF_8);

    private final String prefix;
    private final ApiHandler api;
    private final FaultPlan faults;

    /** {@code faults} may be null for endpoints that never misbehave (the control API). */
    public FaultingHandler(String prefix, ApiHandler api, FaultPlan faults) {
        this.prefix = prefix;
        this.api = api;
        this.faults = faults;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Request request = read(exchange);
            Fault fault = faults == null ? null : faults.take();
            Reply reply;
            if (fault != null && fault.kind() == Fault.Kind.STATUS) {
                reply = api.faultReply(fault.status(), fault.retryAfter());
            } else {
                if (fault != null && fault.kind() == Fault.Kind.DELAY && !sleep(fault)) {
                    return;
                }
                reply = answer(request);
                if (fault != null && fault.kind() == Fault.Kind.NOT_JSON) {
                    reply = new Reply(200, Reply.HTML, Map.of(), MAINTENANCE_PAGE);
                }
            }
            send(exchange, reply, fault != null && fault.kind() == Fault.Kind.TRUNCATED);
        }
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

    private Request read(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        String path = exchange.getRequestURI().getRawPath();
        String relative = path.length() > prefix.length() ? path.substring(prefix.length()) : "";
        String query = exchange.getRequestURI().getRawQuery();
        return new Request(exchange.getRequestMethod(), relative, query == null ? "" : query,
                Params.parse(query), exchange.getRequestHeaders(), body);
    }

    private static void send(HttpExchange exchange, Reply reply, boolean truncate) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", reply.contentType());
        reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        byte[] body = reply.body();
        exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
        if (body.length == 0) {
            return;
        }
        OutputStream out = exchange.getResponseBody();
        if (truncate) {
            out.write(body, 0, body.length / 2);
            out.flush();
            // Closing short of the declared length makes the server drop the connection: the client sees EOF.
            out.close();
            return;
        }
        out.write(body);
        out.close();
    }
}
