package io.activitygateway.gateway.feed;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A Server-Sent Events client on a plain socket: it speaks HTTP/1.1 itself, undoes the chunked encoding and parses
 * {@code id:}/{@code event:}/{@code data:}/{@code retry:} lines and comments, so tests see exactly what was sent, and
 * a test can stop reading (and shrink its receive buffer) to play a slow consumer.
 */
final class SseClient implements AutoCloseable {

    /** One dispatched message; {@code id} as last set on the stream (null if none yet). */
    record Message(String id, String event, String data) {
        long seq() {
            return Long.parseLong(id);
        }
    }

    private final Socket socket;
    private final InputStream body;
    final int status;
    final Map<String, String> headers;
    int comments;
    String retry;
    private String lastId;

    private SseClient(Socket socket, InputStream body, int status, Map<String, String> headers) {
        this.socket = socket;
        this.body = body;
        this.status = status;
        this.headers = headers;
    }

    static SseClient open(int port, String pathAndQuery, Map<String, String> extraHeaders) throws IOException {
        return open(port, pathAndQuery, extraHeaders, 0);
    }

    /** Connects and reads the response head; {@code receiveBuffer} > 0 shrinks the socket's receive buffer. */
    static SseClient open(int port, String pathAndQuery, Map<String, String> extraHeaders, int receiveBuffer)
            throws IOException {
        Socket socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(30_000);
        StringBuilder request = new StringBuilder("GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nAccept: text/event-stream\r\n");
        extraHeaders.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
        request.append("\r\n");
        OutputStream out = socket.getOutputStream();
        out.write(request.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        InputStream in = new BufferedInputStream(socket.getInputStream(), 1024);
        int status = Integer.parseInt(line(in).split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        String header;
        while (!(header = line(in)).isEmpty()) {
            int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                    header.substring(colon + 1).strip());
        }
        InputStream decoded = "chunked".equalsIgnoreCase(headers.get("transfer-encoding")) ? new Chunked(in) : in;
        return new SseClient(socket, decoded, status, headers);
    }

    /** The whole body, for error responses with a Content-Length. */
    String errorBody() throws IOException {
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        return new String(body.readNBytes(length), StandardCharsets.UTF_8);
    }

    /** The next dispatched message; comments and retry lines on the way are counted. */
    Message next() throws IOException {
        return next(false);
    }

    /** The next message, or null when a comment (a heartbeat) comes first. */
    Message nextOrHeartbeat() throws IOException {
        return next(true);
    }

    private Message next(boolean heartbeatEnds) throws IOException {
        String event = null;
        StringBuilder data = null;
        while (true) {
            String line = line(body);
            if (line == null) {
                throw new IOException("the stream ended");
            }
            if (line.isEmpty()) {
                if (data != null) {
                    return new Message(lastId, event == null ? "message" : event, data.toString());
                }
                event = null;
                continue;
            }
            if (line.startsWith(":")) {
                comments++;
                if (heartbeatEnds && data == null) {
                    return null;
                }
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "id" -> lastId = value;
                case "event" -> event = value;
                case "retry" -> retry = value;
                case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                default -> throw new IOException("unexpected field: " + line);
            }
        }
    }

    /** The next {@code n} messages of type {@code activity} (others on the way are failures). */
    List<Message> activities(int n) throws IOException {
        List<Message> out = new ArrayList<>();
        while (out.size() < n) {
            Message m = next();
            if (!"activity".equals(m.event())) {
                throw new IOException("expected an activity message, got " + m);
            }
            out.add(m);
        }
        return out;
    }

    /**
     * The activity messages that still come until the server ends or resets the connection (a message cut off by
     * the end is not one); waiting longer than the socket's read timeout is a failure.
     */
    List<Message> activitiesUntilEnd() throws IOException {
        List<Message> out = new ArrayList<>();
        while (true) {
            Message m;
            try {
                m = next();
            } catch (java.net.SocketTimeoutException e) {
                throw e;
            } catch (IOException e) {
                return out;
            }
            if ("activity".equals(m.event())) {
                out.add(m);
            }
        }
    }

    /** Reads until at least {@code n} comment lines have come, failing if a message arrives first. */
    void awaitComments(int n) throws IOException {
        int target = comments + n;
        while (comments < target) {
            String line = line(body);
            if (line == null) {
                throw new IOException("the stream ended");
            }
            if (line.startsWith(":")) {
                comments++;
            } else if (!line.isEmpty()) {
                throw new IOException("expected only heartbeats, got: " + line);
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** A line without its CR/LF, read as UTF-8; null at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] raw = bytes.toByteArray();
                int end = raw.length > 0 && raw[raw.length - 1] == '\r' ? raw.length - 1 : raw.length;
                return new String(raw, 0, end, StandardCharsets.UTF_8);
            }
            bytes.write(b);
        }
        return bytes.size() == 0 ? null : bytes.toString(StandardCharsets.UTF_8);
    }

    /** Undoes HTTP/1.1 chunked transfer encoding. */
    private static final class Chunked extends InputStream {
        private final InputStream in;
        private long left;
        private boolean done;

        Chunked(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            if (done) {
                return -1;
            }
            if (left == 0) {
                String size = line(in);
                if (size != null && size.isEmpty()) {
                    size = line(in);
                }
                if (size == null) {
                    done = true;
                    return -1;
                }
                left = Long.parseLong(size.split(";")[0].strip(), 16);
                if (left == 0) {
                    done = true;
                    return -1;
                }
            }
            int b = in.read();
            if (b == -1) {
                done = true;
                return -1;
            }
            left--;
            if (left == 0) {
                line(in);
            }
            return b;
        }
    }
}
