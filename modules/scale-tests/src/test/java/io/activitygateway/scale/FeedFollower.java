package io.activitygateway.scale;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A feed client that follows the stream across instances: on a dropped connection (its instance killed) or when
 * told to move, it reconnects to another instance with the last id it saw, as an EventSource would.
 */
final class FeedFollower implements Runnable {

    private final Supplier<String> anyInstance;
    private final List<Long> seqs = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private volatile boolean stopped;
    private volatile HttpURLConnection current;
    private long last;
    private int connects;

    FeedFollower(Supplier<String> anyInstance) {
        this.anyInstance = anyInstance;
    }

    @Override
    public void run() {
        while (!stopped) {
            String base = anyInstance.get();
            try {
                follow(base);
            } catch (IOException e) {
                // the instance went away (or we moved on purpose): reconnect elsewhere
            }
            if (!stopped) {
                sleep(300);
            }
        }
    }

    private void follow(String base) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(base + "/api/v1/events/stream").toURL().openConnection();
        c.setRequestProperty("Accept", "text/event-stream");
        c.setRequestProperty("Last-Event-ID", String.valueOf(last));
        c.setConnectTimeout(3000);
        c.setReadTimeout(20_000);
        current = c;
        int status = c.getResponseCode();
        if (status != 200) {
            synchronized (this) {
                problems.add(base + " answered " + status + " to Last-Event-ID " + last);
            }
            return;
        }
        synchronized (this) {
            connects++;
        }
        try (BufferedReader in = new BufferedReader(new InputStreamReader(c.getInputStream(),
                StandardCharsets.UTF_8))) {
            String id = null;
            String event = "message";
            String line;
            while (!stopped && (line = in.readLine()) != null) {
                if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("event:")) {
                    event = line.substring(6).strip();
                } else if (line.isEmpty()) {
                    if ("activity".equals(event) && id != null) {
                        long seq = Long.parseLong(id);
                        synchronized (this) {
                            seqs.add(seq);
                            last = seq;
                        }
                    } else if ("gone".equals(event)) {
                        synchronized (this) {
                            problems.add("gone after " + last);
                        }
                    }
                    id = null;
                    event = "message";
                }
            }
        }
    }

    /** Drops the connection so the follower moves to another instance. */
    void move() {
        HttpURLConnection c = current;
        if (c != null) {
            c.disconnect();
        }
    }

    void stop() {
        stopped = true;
        move();
    }

    synchronized List<Long> seqs() {
        return List.copyOf(seqs);
    }

    synchronized List<String> problems() {
        return List.copyOf(problems);
    }

    synchronized int connects() {
        return connects;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
