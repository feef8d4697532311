package io.activitygateway.gateway.feed;

/** A named daemon thread running a loop until {@link #stop()}; the loop checks {@link #running()}. */
final class DaemonThread {

    private volatile boolean running;
    private Thread thread;

    void start(String name, Runnable loop) {
        running = true;
        thread = new Thread(loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    boolean running() {
        return running;
    }

    void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }
}
