package io.activitygateway.testkit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node Kafka (KRaft: broker and controller in one process) for tests and benchmarks, run as a child
 * JVM from the {@code org.apache.kafka:kafka_2.13} artifact; no Docker. The broker's classpath comes from the
 * build: the system property {@code kafka.broker.classpath}, or the file named by {@code kafka.broker.classpath.file}
 * (written by {@code dependency:build-classpath}), or this JVM's own class path.
 *
 * <p>The node listens on 127.0.0.1 only, on ports free when it starts; its data lives under the given directory.
 */
public final class KafkaNode implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path dir;

    private KafkaNode(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    /** Formats a new log directory under {@code dir} and starts the node; returns once it accepts clients. */
    public static KafkaNode start(Path dir) throws IOException, InterruptedException {
        return start(dir, 3);
    }

    /** As {@link #start(Path)}, with the partitions auto-created topics get. */
    public static KafkaNode start(Path dir, int partitions) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        String classpath = brokerClasspath();
        IOException last = null;
        // Ports are picked free and handed to the broker, which binds them a moment later: another process on this
        // machine can take one in between. Such a start fails fast and is tried with new ports.
        for (int attempt = 0; attempt < 3; attempt++) {
            int brokerPort = freePort();
            int controllerPort = freePort();
            Path config = writeConfig(dir, brokerPort, controllerPort, partitions);
            deleteTree(dir.resolve("logs"));
            format(classpath, config, dir);
            Path log = dir.resolve("broker.log");
            Process p = new ProcessBuilder(java(), "-Xms128m", "-Xmx512m", "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1",
                    "-Dlog4j2.configurationFile=" + writeLogConfig(dir).toAbsolutePath(),
                    "-cp", classpath, "kafka.Kafka", config.toAbsolutePath().toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            KafkaNode node = new KafkaNode(p, brokerPort, dir);
            if (node.awaitReady(Duration.ofSeconds(90))) {
                return node;
            }
            node.close();
            last = new IOException("the Kafka node did not come up; see " + log + ":\n" + tail(log));
        }
        throw last;
    }

    /** {@code 127.0.0.1:<port>}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public Path directory() {
        return dir;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private boolean awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        // The client listener accepts connections only once the broker has joined the (one-node) quorum and serves
        // requests.
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                return false;
            }
            if (accepts()) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    private boolean accepts() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }


    private static void format(String classpath, Path config, Path dir) throws IOException, InterruptedException {
        byte[] uuid = new byte[16];
        new SecureRandom().nextBytes(uuid);
        String clusterId = Base64.getUrlEncoder().withoutPadding().encodeToString(uuid);
        Path log = dir.resolve("format.log");
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx256m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Dlog4j2.configurationFile=" + writeLogConfig(dir).toAbsolutePath(),
                "-cp", classpath, "kafka.tools.StorageTool", "format", "--ignore-formatted",
                // One argument with its name: a base64url id may start with '-', which would read as an option.
                "--cluster-id=" + clusterId, "-c",
                config.toAbsolutePath().toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("formatting the Kafka log directory took too long; see " + log);
        }
        if (p.exitValue() != 0) {
            throw new IOException("formatting the Kafka log directory failed:\n" + tail(log));
        }
    }

    private static Path writeConfig(Path dir, int brokerPort, int controllerPort, int partitions) throws IOException {
        Path logs = dir.resolve("logs");
        String config = String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + brokerPort,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + logs.toAbsolutePath(),
                "num.partitions=" + partitions,
                "auto.create.topics.enable=true",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "num.network.threads=2",
                "num.io.threads=2",
                "log.flush.interval.messages=9223372036854775807",
                "") ;
        Path file = dir.resolve("server.properties");
        Files.writeString(file, config);
        return file;
    }

    private static Path writeLogConfig(Path dir) throws IOException {
        Path file = dir.resolve("log4j2.properties");
        Files.writeString(file, String.join("\n",
                "appender.out.type=Console",
                "appender.out.name=out",
                "appender.out.layout.type=PatternLayout",
                "appender.out.layout.pattern=[%d] %p %m (%c)%n",
                "rootLogger.level=WARN",
                "rootLogger.appenderRef.out.ref=out",
                "logger.server.name=kafka.server.KafkaRaftServer",
                "logger.server.level=INFO",
                ""));
        return file;
    }

    private static String brokerClasspath() throws IOException {
        String direct = System.getProperty("kafka.broker.classpath");
        if (direct != null && !direct.isBlank()) {
            return direct.strip();
        }
        String file = System.getProperty("kafka.broker.classpath.file");
        if (file != null && !file.isBlank()) {
            return Files.readString(Path.of(file)).strip();
        }
        return System.getProperty("java.class.path");
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
