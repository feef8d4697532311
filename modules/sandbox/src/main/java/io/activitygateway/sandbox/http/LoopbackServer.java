package io.activitygateway.sandbox.http;

import com.sun.net.httpserver.Headers;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

/**
 * A small HTTP/1.1 server (keep-alive, Content-Length and chunked request bodies, {@code Expect: 100-continue}),
 * one thread per connection from the given executor.
 *
 * <p>The sandbox has its own because the JDK's {@code HttpServer} stamps every response with a {@code Date} from the
 * system clock and lets nobody override it, while a simulated vendor must send its own clock: the sandbox's, which
 * tests move by hand and may set apart from the gateway's. Responses are written whole, which also lets a fault
 * declare a body's full length and then break it off.
 */
public final class LoopbackServer implements AutoCloseable {

    /** A reply and how to deliver it: {@code truncate} sends half the body and drops the connection. */
    public record Delivery(Reply reply, boolean truncate) {
    }

    /** What a context makes of a request: a delivery, or null to drop the connection without answering. */
    public interface Context {
        Delivery serve(Request request);
    }

    private static final int MAX_LINE = 64 * 1024;
    private static final int MAX_HEADERS = 200;
    private static final int IDLE_MILLIS = 60_000;
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    private static final Map<Integer, String> REASONS = Map.ofEntries(Map.entry(200, "OK"),
            Map.entry(201, "Created"), Map.entry(202, "Accepted"), Map.entry(204, "No Content"),
            Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"),
            Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"), Map.entry(408, "Request Timeout"),
            Map.entry(413, "Payload Too Large"), Map.entry(422, "Unprocessable Entity"),
            Map.entry(429, "Too Many Requests"), Map.entry(500, "Internal Server Error"),
            Map.entry(502, "Bad Gateway"), Map.entry(503, "Service Unavailable"), Map.entry(504, "Gateway Timeout"));

    private final ServerSocket socket;
    private final ExecutorService executor;
    private final Clock clock;
    /** Longest prefix first, so {@code /onehub} does not swallow {@code /onehub2}'s requests. */
    private final Map<String, Context> contexts = new ConcurrentHashMap<>();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean closed;

    public LoopbackServer(String host, int port, int backlog, ExecutorService executor, Clock clock)
            throws IOException {
        this.socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getByName(host), port), backlog);
        this.executor = executor;
        this.clock = clock;
        this.acceptor = new Thread(this::accept, "sandbox-accept-" + socket.getLocalPort());
        acceptor.setDaemon(true);
    }

    /** Serves every request whose path is {@code prefix} or below it. */
    public void context(String prefix, Context context) {
        contexts.put(prefix, context);
    }

    public void start() {
        acceptor.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    @Override
    public void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        open.forEach(LoopbackServer::closeQuietly);
    }

    private void accept() {
        while (!closed) {
            Socket connection;
            try {
                connection = socket.accept();
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("sandbox: accept failed: " + e);
                }
                return;
            }
            open.add(connection);
            try {
                executor.execute(() -> serve(connection));
            } catch (RejectedExecutionException e) {
                open.remove(connection);
                closeQuietly(connection);
            }
        }
    }

    private void serve(Socket connection) {
        try (connection) {
            connection.setTcpNoDelay(true);
            connection.setSoTimeout(IDLE_MILLIS);
            InputStream in = new BufferedInputStream(connection.getInputStream());
            OutputStream out = connection.getOutputStream();
            while (!closed) {
                String requestLine = line(in);
                if (requestLine == null) {
                    return;
                }
                if (requestLine.isEmpty()) {
                    continue;
                }
                if (!exchange(requestLine, in, out)) {
                    return;
                }
            }
        } catch (SocketTimeoutException | SocketException e) {
            // idle keep-alive connection, or the peer went away
        } catch (IOException e) {
            if (!closed) {
                System.err.println("sandbox: connection failed: " + e);
            }
        } finally {
            open.remove(connection);
        }
    }

    /** One request and its response; false when the connection must close afterwards. */
    private boolean exchange(String requestLine, InputStream in, OutputStream out) throws IOException {
        String[] parts = requestLine.split(" ");
        if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
            write(out, Reply.text(400, "text/plain", "bad request line\n"), false, "HEAD".equals(parts[0]), true);
            return false;
        }
        String method = parts[0];
        Headers headers = new Headers();
        for (int i = 0; ; i++) {
            String header = line(in);
            if (header == null) {
                return false;
            }
            if (header.isEmpty()) {
                break;
            }
            int colon = header.indexOf(':');
            if (colon <= 0 || i >= MAX_HEADERS) {
                write(out, Reply.text(400, "text/plain", "bad header\n"), false, false, true);
                return false;
            }
            headers.add(header.substring(0, colon).strip(), header.substring(colon + 1).strip());
        }
        boolean keepAlive = parts[2].equals("HTTP/1.1")
                ? !"close".equalsIgnoreCase(headers.getFirst("Connection"))
                : "keep-alive".equalsIgnoreCase(headers.getFirst("Connection"));
        if ("100-continue".equalsIgnoreCase(headers.getFirst("Expect"))) {
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }
        byte[] body = body(in, headers);
        String target = parts[1];
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        String query = q < 0 ? "" : target.substring(q + 1);
        String prefix = contextFor(path);
        if (prefix == null) {
            write(out, Reply.text(404, "text/plain", "no such path\n"), false, method.equals("HEAD"), !keepAlive);
            return keepAlive;
        }
        String relative = path.length() > prefix.length() ? path.substring(prefix.length()) : "";
        Request request = new Request(method, relative, query, Params.parse(query.isEmpty() ? null : query), headers,
                body);
        Delivery delivery = contexts.get(prefix).serve(request);
        if (delivery == null) {
            return false;
        }
        write(out, delivery.reply(), delivery.truncate(), method.equals("HEAD"), !keepAlive);
        return keepAlive && !delivery.truncate();
    }

    private String contextFor(String path) {
        String best = null;
        for (String prefix : contexts.keySet()) {
            boolean matches = path.equals(prefix) || path.startsWith(prefix.endsWith("/") ? prefix : prefix + "/");
            if (matches && (best == null || prefix.length() > best.length())) {
                best = prefix;
            }
        }
        return best;
    }

    private void write(OutputStream out, Reply reply, boolean truncate, boolean head, boolean close)
            throws IOException {
        byte[] body = reply.body();
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(reply.headers());
        headers.put("Date", HTTP_DATE.format(clock.instant()));
        headers.put("Content-Type", reply.contentType());
        headers.put("Content-Length", Integer.toString(body.length));
        if (close) {
            headers.put("Connection", "close");
        }
        StringBuilder lines = new StringBuilder(256).append("HTTP/1.1 ").append(reply.status()).append(' ')
                .append(REASONS.getOrDefault(reply.status(), "Status")).append("\r\n");
        headers.forEach((k, v) -> lines.append(k).append(": ").append(v).append("\r\n"));
        lines.append("\r\n");
        out.write(lines.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (!head) {
            // Declaring the full length and then closing short of it makes the client see an I/O error.
            out.write(body, 0, truncate ? body.length / 2 : body.length);
        }
        out.flush();
        if (truncate) {
            throw new SocketException("truncated on purpose");
        }
    }

    private static byte[] body(InputStream in, Headers headers) throws IOException {
        if ("chunked".equalsIgnoreCase(headers.getFirst("Transfer-Encoding"))) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String size = line(in);
                if (size == null) {
                    throw new IOException("connection closed inside a chunked body");
                }
                int semicolon = size.indexOf(';');
                int n = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).strip(), 16);
                if (n == 0) {
                    while (true) {
                        String trailer = line(in);
                        if (trailer == null || trailer.isEmpty()) {
                            return body.toByteArray();
                        }
                    }
                }
                body.write(in.readNBytes(n));
                line(in);
            }
        }
        String length = headers.getFirst("Content-Length");
        if (length == null) {
            return new byte[0];
        }
        int n = Integer.parseInt(length.strip());
        byte[] body = in.readNBytes(n);
        if (body.length < n) {
            throw new IOException("connection closed inside the body");
        }
        return body;
    }

    /** A line without its CRLF (or LF); null at the end of the stream before any byte. */
    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) {
                return line.length() == 0 ? null : line.toString();
            }
            if (b == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            if (line.length() >= MAX_LINE) {
                throw new IOException("line longer than " + MAX_LINE + " bytes");
            }
            line.append((char) b);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already gone
        }
    }
}
